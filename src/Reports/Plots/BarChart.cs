using Scratch.Reports.Text;

namespace Scratch.Reports.Plots;

/// <summary>One bar per named category, in the order added, saved as a PNG of fixed size.</summary>
/// <example>
/// <code>
/// var chart = new BarChart { Title = "Transfer of adversarial examples", YLabel = "error (%)" };
/// chart.Add("maxout → maxout", 89.4);
/// chart.Add("maxout → softmax", 40.9);
/// chart.Save("results/transfer.png");
/// </code>
/// </example>
public sealed class BarChart : Figure
{
    private readonly List<(string Label, double Value)> _bars = [];

    /// <summary>Adds a bar.</summary>
    /// <exception cref="ArgumentException">The label is empty or not one line, or the value is not finite.</exception>
    public void Add(string label, double value)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            throw new ArgumentException("bar label is empty; expected a category name", nameof(label));
        }
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"bar '{label}' has value {value}; expected a finite value", nameof(value));
        }
        _bars.Add((OneLine.Check(label, nameof(label))!, value));
    }

    /// <inheritdoc/>
    private protected override void Draw(ScottPlot.Plot plot)
    {
        if (_bars.Count == 0)
        {
            throw new InvalidOperationException($"BarChart '{Title}': no bars; call Add before ToPng or Save");
        }
        var positions = Enumerable.Range(0, _bars.Count).Select(i => (double)i).ToArray();
        plot.Add.Bars(positions, _bars.Select(b => b.Value).ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. _bars.Select(b => b.Label)]);
        plot.Axes.Margins(bottom: 0);
    }
}
