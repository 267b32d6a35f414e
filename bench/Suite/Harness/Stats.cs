namespace Scratch.BenchSuite.Harness;

/// <summary>Order statistics of timed repetitions.</summary>
public static class Stats
{
    /// <summary>The median (the mean of the two middle values for an even count); NaN for none.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        int half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
