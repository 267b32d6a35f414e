using System.Globalization;

namespace Scratch.Diagnostics;

/// <summary>The wall-clock times of repeated runs of one operation, in seconds.</summary>
/// <param name="Median">The median time.</param>
/// <param name="Min">The fastest run.</param>
/// <param name="Max">The slowest run.</param>
/// <param name="Repetitions">How many runs were timed (the untimed first run not counted).</param>
public sealed record TimingStats(double Median, double Min, double Max, int Repetitions)
{
    /// <summary>(max − min) / median: how much the runs wandered.</summary>
    public double Spread => Median > 0 ? (Max - Min) / Median : 0;

    /// <summary>"median 1.23 ms (1.20–1.31 ms, 5 runs)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"median {Format(Median)} ({Format(Min)}–{Format(Max)}, {Repetitions} runs)");

    /// <summary>A rate with three significant figures and its unit: "12345 GFLOP/s", "61.2 GB/s", "0.0271 GFLOP/s".</summary>
    public static string Rate(double value, string unit) => value switch
    {
        >= 100 => string.Create(CultureInfo.InvariantCulture, $"{value:F0} {unit}"),
        >= 10 => string.Create(CultureInfo.InvariantCulture, $"{value:F1} {unit}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:G3} {unit}"),
    };

    /// <summary>A duration with a unit that keeps three significant digits readable.</summary>
    public static string Format(double seconds) => seconds switch
    {
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F2} s"),
        >= 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:F2} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:F1} µs"),
    };
}
