using System.Globalization;

namespace Scratch.Reports.Plots;

/// <summary>
/// Tick marks for a logarithmic axis: the values m·10ᵏ inside [min, max] for the sparsest mantissa set
/// m ∈ {1}, {1, 2, 5} or {1, …, 9} that gives at least three ticks; when even the densest gives fewer
/// than two (a range narrower than one step), the two ends are used.
/// </summary>
internal static class LogTicks
{
    private static readonly int[][] MantissaSets = [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]];

    /// <summary>The tick values (ascending) and their labels for positive min ≤ max.</summary>
    public static IReadOnlyList<(double Value, string Label)> Between(double min, double max)
    {
        if (!(min > 0) || !(max >= min) || !double.IsFinite(max))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"LogTicks: range [{min}, {max}]; expected 0 < min ≤ max, finite");
        }
        List<double> ticks = [];
        foreach (var mantissas in MantissaSets)
        {
            ticks = Candidates(min, max, mantissas);
            if (ticks.Count >= 3)
            {
                break;
            }
        }
        if (ticks.Count < 2)
        {
            ticks = min == max ? [min] : [min, max];
        }
        return [.. ticks.Select(t => (t, t.ToString("G4", CultureInfo.InvariantCulture)))];
    }

    private static List<double> Candidates(double min, double max, int[] mantissas)
    {
        // A relative slack so that an end that is itself m·10ᵏ (0.1, 0.3) counts as inside despite rounding.
        var low = min * (1 - 1e-9);
        var high = max * (1 + 1e-9);
        var ticks = new List<double>();
        for (var k = (int)Math.Floor(Math.Log10(min)); k <= (int)Math.Ceiling(Math.Log10(max)); k++)
        {
            foreach (var m in mantissas)
            {
                var value = double.Parse(string.Create(CultureInfo.InvariantCulture, $"{m}e{k}"), CultureInfo.InvariantCulture);
                if (value >= low && value <= high)
                {
                    ticks.Add(value);
                }
            }
        }
        return ticks;
    }
}
