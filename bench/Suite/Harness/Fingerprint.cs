namespace Scratch.BenchSuite.Harness;

/// <summary>
/// A short summary of an output that engines compare before any timing: the element count, the sum, the sum of
/// magnitudes and six values at fixed fractions of the length (index ⌊k·n/6⌋). Two outputs match when the counts
/// are equal and every other entry agrees within a relative tolerance of the larger of its own size and the
/// output's mean magnitude (the sum: within the tolerance times the sum of magnitudes).
/// </summary>
public static class Fingerprint
{
    /// <summary>How many entries a fingerprint has.</summary>
    public const int Length = 9;

    private const int Samples = 6;

    private static readonly string[] Names = ["count", "sum", "sum |x|", "x[0]", "x[n/6]", "x[2n/6]", "x[3n/6]", "x[4n/6]", "x[5n/6]"];

    /// <summary>The fingerprint of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">The output is empty.</exception>
    public static double[] Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("output is empty; expected at least one value to fingerprint", nameof(values));
        }
        double sum = 0, magnitude = 0;
        foreach (var v in values)
        {
            sum += v;
            magnitude += Math.Abs(v);
        }
        var print = new double[Length];
        print[0] = values.Length;
        print[1] = sum;
        print[2] = magnitude;
        for (int k = 0; k < Samples; k++)
        {
            print[3 + k] = values[(int)((long)k * values.Length / Samples)];
        }
        return print;
    }

    /// <summary>
    /// Null when <paramref name="actual"/> matches <paramref name="expected"/> within the relative
    /// <paramref name="tolerance"/>, else a one-line description of the first entry that does not.
    /// </summary>
    /// <exception cref="ArgumentException">A fingerprint has the wrong length, or the tolerance is not positive.</exception>
    public static string? Mismatch(IReadOnlyList<double> actual, IReadOnlyList<double> expected, double tolerance)
    {
        if (actual.Count != Length || expected.Count != Length)
        {
            throw new ArgumentException($"fingerprints of {actual.Count} and {expected.Count} entries; expected {Length} each", nameof(actual));
        }
        if (!(tolerance > 0))
        {
            throw new ArgumentException($"tolerance {tolerance}; expected a positive relative tolerance", nameof(tolerance));
        }
        if (actual[0] != expected[0])
        {
            return $"count: {actual[0]} values against {expected[0]}";
        }
        double meanMagnitude = expected[2] / expected[0];
        for (int k = 1; k < Length; k++)
        {
            double scale = k == 1 ? expected[2] : Math.Max(Math.Abs(expected[k]), meanMagnitude);
            double error = Math.Abs(actual[k] - expected[k]);
            if (!(error <= tolerance * scale))
            {
                return $"{Names[k]}: {actual[k]:G9} against {expected[k]:G9} (error {error:G3}, allowed {tolerance * scale:G3})";
            }
        }
        return null;
    }
}
