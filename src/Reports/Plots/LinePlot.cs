using Scratch.Reports.Text;

namespace Scratch.Reports.Plots;

/// <summary>
/// Named series of (x, y) points joined by lines, with axis labels, a title, an optional logarithmic x
/// axis and optional horizontal reference lines (e.g. a paper's number), saved as a PNG of fixed size.
/// The same plot always gives the same PNG bytes.
/// </summary>
/// <example>
/// <code>
/// var plot = new LinePlot { Title = "FGSM on MNIST", XLabel = "ε", YLabel = "error (%)" };
/// plot.AddSeries("maxout", [0.05, 0.1, 0.25], [12.0, 45.1, 89.4]);
/// plot.AddReferenceLine(89.4, "paper: 89.4%");
/// plot.Save("results/error-vs-eps.png");
/// </code>
/// </example>
public sealed class LinePlot : Figure
{
    private readonly List<(string Name, double[] X, double[] Y)> _series = [];
    private readonly List<(double Y, string Label)> _references = [];

    /// <summary>Whether the x axis is logarithmic (every x must then be &gt; 0).</summary>
    public bool LogX { get; init; }

    /// <summary>Adds a series drawn as a line through its points, in the order given, with a marker on each.</summary>
    /// <exception cref="ArgumentException">The name is empty or not one line, x and y differ in length or are empty, a value is not finite, or (with <see cref="LogX"/>) an x is ≤ 0.</exception>
    public void AddSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("series name is empty; expected a name for the legend", nameof(name));
        }
        OneLine.Check(name, nameof(name));
        var xs = PlotFrame.Finite(x, nameof(x), $"series '{name}'");
        var ys = PlotFrame.Finite(y, nameof(y), $"series '{name}'");
        if (xs.Length == 0 || xs.Length != ys.Length)
        {
            throw new ArgumentException($"series '{name}' has {xs.Length} x and {ys.Length} y values; expected the same number, at least 1", nameof(y));
        }
        if (LogX && Array.FindIndex(xs, v => v <= 0) is var bad and >= 0)
        {
            throw new ArgumentException($"{nameof(x)} of series '{name}' holds {xs[bad]} at index {bad}; a logarithmic x axis needs x > 0", nameof(x));
        }
        _series.Add((name, xs, ys));
    }

    /// <summary>Adds a dashed horizontal line at <paramref name="y"/>, named in the legend by <paramref name="label"/>.</summary>
    /// <exception cref="ArgumentException">y is not finite, or the label is empty or not one line.</exception>
    public void AddReferenceLine(double y, string label)
    {
        if (!double.IsFinite(y))
        {
            throw new ArgumentException($"reference line y {y}; expected a finite value", nameof(y));
        }
        if (string.IsNullOrWhiteSpace(label))
        {
            throw new ArgumentException("reference line label is empty; expected a name for the legend", nameof(label));
        }
        _references.Add((y, OneLine.Check(label, nameof(label))!));
    }

    /// <inheritdoc/>
    private protected override void Draw(ScottPlot.Plot plot)
    {
        if (_series.Count == 0)
        {
            throw new InvalidOperationException($"LinePlot '{Title}': no series; call AddSeries before ToPng or Save");
        }
        foreach (var (name, xs, ys) in _series)
        {
            var scatter = plot.Add.Scatter(LogX ? xs.Select(Math.Log10).ToArray() : xs, ys);
            scatter.LegendText = name;
        }
        foreach (var (y, label) in _references)
        {
            var line = plot.Add.HorizontalLine(y, 1.5f, ScottPlot.Colors.Black, ScottPlot.LinePattern.Dashed);
            line.LegendText = label;
        }
        if (LogX)
        {
            var all = _series.SelectMany(s => s.X).ToArray();
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            foreach (var (value, label) in LogTicks.Between(all.Min(), all.Max()))
            {
                ticks.AddMajor(Math.Log10(value), label);
            }
            plot.Axes.Bottom.TickGenerator = ticks;
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
    }
}
