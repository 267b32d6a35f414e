namespace Scratch.Reports.Plots;

/// <summary>
/// Counts of values in equal-width bins between the smallest and the largest value, drawn as bars and
/// saved as a PNG of fixed size. Bin i holds the values v with Edges[i] ≤ v &lt; Edges[i+1]; the last bin
/// also holds v = Edges[^1]. When every value is equal to some v, the single range is [v − ½, v + ½].
/// </summary>
/// <example>
/// <code>
/// var histogram = new Histogram(perturbation, bins: 50) { Title = "r = x' − x", XLabel = "value" };
/// histogram.Save("results/perturbation-histogram.png");
/// </code>
/// </example>
public sealed class Histogram : Figure
{
    /// <summary>Bins the values.</summary>
    /// <param name="values">At least one finite value.</param>
    /// <param name="bins">Number of bins, 1 to 10 000.</param>
    /// <exception cref="ArgumentException">No values, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">bins is outside 1 to 10 000.</exception>
    public Histogram(IReadOnlyList<double> values, int bins)
        : base(yLabel: "count")
    {
        var data = PlotFrame.Finite(values, nameof(values), "the histogram");
        if (data.Length == 0)
        {
            throw new ArgumentException("values is empty; expected at least one value to bin", nameof(values));
        }
        if (bins is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), $"Histogram bins {bins}; expected 1 to 10000");
        }
        double low = data.Min(), high = data.Max();
        if (low == high)
        {
            (low, high) = (low - 0.5, high + 0.5);
        }
        var width = (high - low) / bins;
        Edges = [.. Enumerable.Range(0, bins + 1).Select(i => i == bins ? high : low + i * width)];
        var counts = new int[bins];
        foreach (var v in data)
        {
            counts[Math.Min((int)((v - low) / width), bins - 1)]++;
        }
        Counts = counts;
    }

    /// <summary>Bins the elements of a tensor (any shape, dtype and device).</summary>
    /// <exception cref="ArgumentException">The tensor is empty, or an element is not finite.</exception>
    public Histogram(Tensor values, int bins)
        : this((values ?? throw new ArgumentNullException(nameof(values))).To(DType.Float64).ToArray<double>(), bins)
    {
    }

    /// <summary>The bin edges, ascending: Bins + 1 values.</summary>
    public IReadOnlyList<double> Edges { get; }

    /// <summary>How many values fell in each bin.</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <inheritdoc/>
    private protected override void Draw(ScottPlot.Plot plot)
    {
        var bars = Enumerable.Range(0, Counts.Count).Select(i => new ScottPlot.Bar
        {
            Position = (Edges[i] + Edges[i + 1]) / 2,
            Value = Counts[i],
            Size = Edges[i + 1] - Edges[i],
            LineWidth = 0,
        }).ToArray();
        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
    }
}
