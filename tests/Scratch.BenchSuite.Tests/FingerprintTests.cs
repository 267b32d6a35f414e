using Scratch.BenchSuite.Harness;

namespace Scratch.BenchSuite.Tests;

public class FingerprintTests
{
    private static double[] Ramp(int n, double scale = 1) => [.. Enumerable.Range(0, n).Select(i => (i - n / 3.0) * scale)];

    [Fact]
    public void Of_gives_count_sum_magnitude_and_the_values_at_sixths()
    {
        var print = Fingerprint.Of([1.0, -2.0, 3.0, -4.0, 5.0, -6.0, 7.0, -8.0, 9.0, -10.0, 11.0, -12.0]);

        Assert.Equal([12.0, -6.0, 78.0, 1.0, 3.0, 5.0, 7.0, 9.0, 11.0], print);
    }

    [Fact]
    public void Of_refuses_an_empty_output()
    {
        var e = Assert.Throws<ArgumentException>(() => Fingerprint.Of([]));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Equal_outputs_match_and_small_relative_errors_pass()
    {
        var expected = Fingerprint.Of(Ramp(1000));
        var close = Fingerprint.Of(Ramp(1000, 1 + 1e-6));

        Assert.Null(Fingerprint.Mismatch(expected, expected, 1e-12));
        Assert.Null(Fingerprint.Mismatch(close, expected, 1e-5));
    }

    [Fact]
    public void A_relative_error_above_the_tolerance_is_named()
    {
        var expected = Fingerprint.Of(Ramp(1000));
        var scaled = Fingerprint.Of(Ramp(1000, 1 + 1e-3));

        var why = Fingerprint.Mismatch(scaled, expected, 1e-5);

        Assert.NotNull(why);
        Assert.StartsWith("sum", why);
    }

    [Fact]
    public void One_changed_sampled_value_is_caught_even_when_the_sums_agree()
    {
        var values = Ramp(600);
        var expected = Fingerprint.Of(values);
        values[300] += 1;
        values[301] -= 1;

        var why = Fingerprint.Mismatch(Fingerprint.Of(values), expected, 1e-6);

        Assert.NotNull(why);
        Assert.StartsWith("x[3n/6]", why);
    }

    [Fact]
    public void Different_counts_never_match()
    {
        Assert.StartsWith("count", Fingerprint.Mismatch(Fingerprint.Of(Ramp(10)), Fingerprint.Of(Ramp(11)), 1));
    }

    [Fact]
    public void A_NaN_output_never_matches()
    {
        var values = Ramp(60);
        var expected = Fingerprint.Of(values);
        values[0] = double.NaN;

        Assert.NotNull(Fingerprint.Mismatch(Fingerprint.Of(values), expected, 1));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var print = Fingerprint.Of(Ramp(10));
        Assert.Throws<ArgumentException>(() => Fingerprint.Mismatch([1.0, 2.0], print, 1e-3));
        Assert.Throws<ArgumentException>(() => Fingerprint.Mismatch(print, print, 0));
    }
}
