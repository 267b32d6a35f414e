using Scratch.Reports.Output;
using Scratch.Reports.Text;

namespace Scratch.Reports.Plots;

/// <summary>
/// What every plot has: a title, axis labels, a fixed size in pixels, and a PNG written atomically.
/// The same figure always gives the same PNG bytes. Every text is drawn in the embedded DejaVu Sans.
/// </summary>
public abstract class Figure
{
    private readonly string? _title;
    private readonly string? _xLabel;
    private readonly string? _yLabel;
    private readonly int _width = 800;
    private readonly int _height = 500;

    /// <summary>A figure whose y axis is labelled <paramref name="yLabel"/> unless an initializer says otherwise.</summary>
    private protected Figure(string? yLabel = null) => _yLabel = yLabel;

    /// <summary>The title above the plot, or null.</summary>
    public string? Title { get => _title; init => _title = OneLine.Check(value, nameof(Title)); }

    /// <summary>The x axis label, or null.</summary>
    public string? XLabel { get => _xLabel; init => _xLabel = OneLine.Check(value, nameof(XLabel)); }

    /// <summary>The y axis label, or null.</summary>
    public string? YLabel { get => _yLabel; init => _yLabel = OneLine.Check(value, nameof(YLabel)); }

    /// <summary>PNG width in pixels (100 to 8192; default 800).</summary>
    public int Width { get => _width; init => _width = PlotFrame.Side(value, nameof(Width)); }

    /// <summary>PNG height in pixels (100 to 8192; default 500).</summary>
    public int Height { get => _height; init => _height = PlotFrame.Side(value, nameof(Height)); }

    /// <summary>The figure as PNG bytes.</summary>
    /// <exception cref="InvalidOperationException">The figure has no data to draw.</exception>
    public byte[] ToPng()
    {
        var plot = PlotFrame.Create(Title, XLabel, YLabel);
        Draw(plot);
        return PlotFrame.Render(plot, Width, Height);
    }

    /// <summary>Renders the figure and writes it to <paramref name="path"/> (a .png in an existing folder) atomically.</summary>
    /// <exception cref="ArgumentException">The path is empty, malformed or not a .png.</exception>
    /// <exception cref="IOException">The folder does not exist, the path is a folder, or writing failed; the target is then unchanged.</exception>
    /// <exception cref="InvalidOperationException">The figure has no data to draw.</exception>
    public void Save(string path) => PngFile.Save(path, ToPng, nameof(path));

    /// <summary>Adds the figure's data to the ScottPlot plot (title and labels are already set).</summary>
    private protected abstract void Draw(ScottPlot.Plot plot);
}
