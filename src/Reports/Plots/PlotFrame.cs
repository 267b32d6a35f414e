using Scratch.Reports.Text;

namespace Scratch.Reports.Plots;

/// <summary>What every plot shares: the ScottPlot figure with its texts, the embedded font, the fixed pixel size, PNG bytes.</summary>
internal static class PlotFrame
{
    /// <summary>The smallest width or height of a plot, in pixels.</summary>
    public const int MinSide = 100;

    /// <summary>The largest width or height of a plot, in pixels.</summary>
    public const int MaxSide = 8192;

    /// <summary>A figure with the given title and axis labels (each may be null).</summary>
    public static ScottPlot.Plot Create(string? title, string? xLabel, string? yLabel)
    {
        var plot = new ScottPlot.Plot();
        if (title is not null)
        {
            plot.Title(title);
        }
        if (xLabel is not null)
        {
            plot.XLabel(xLabel);
        }
        if (yLabel is not null)
        {
            plot.YLabel(yLabel);
        }
        return plot;
    }

    /// <summary>The figure drawn at width × height pixels as PNG bytes, every text in the embedded font.</summary>
    public static byte[] Render(ScottPlot.Plot plot, int width, int height)
    {
        ReportFont.EnsureRegisteredWithScottPlot();
        plot.Font.Set(ReportFont.PlotFamily);
        return plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
    }

    /// <summary>Checks a plot's side length.</summary>
    public static int Side(int value, string name) =>
        value is >= MinSide and <= MaxSide
            ? value
            : throw new ArgumentOutOfRangeException(name, $"plot {name} {value}; expected {MinSide} to {MaxSide} pixels");

    /// <summary>Copies values, checking each is finite.</summary>
    public static double[] Finite(IReadOnlyList<double> values, string name, string what)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var copy = values.ToArray();
        var bad = Array.FindIndex(copy, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException($"{name} of {what} holds {copy[bad]} at index {bad}; expected finite values", name);
        }
        return copy;
    }
}
