using System.Globalization;
using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;

namespace Scratch.BenchSuite.Report;

/// <summary>
/// What a record is reported as: GFLOP/s with its fraction of the FP32 peak (cases with a FLOP count), GB/s with
/// its fraction of the measured copy bandwidth (cases with a byte count), or time; its median, min–max and ratio.
/// </summary>
public static class Metric
{
    /// <summary>"GFLOP/s", "GB/s" or "ms" for a group's records.</summary>
    public static string Unit(IEnumerable<ResultRecord> records) =>
        records.Any(r => r.Flops > 0) ? "GFLOP/s" : records.Any(r => r.Bytes > 0) ? "GB/s" : "ms";

    /// <summary>The value of one time in the record's unit (rates: work over time; time: milliseconds).</summary>
    public static double Value(ResultRecord r, double seconds) =>
        r.Flops > 0 ? r.Flops / seconds / 1e9 : r.Bytes > 0 ? r.Bytes / seconds / 1e9 : seconds * 1e3;

    /// <summary>The machine's limit for the record: peak FLOP/s or copy bandwidth for its thread count (0: none).</summary>
    public static double Limit(ResultRecord r, MachineInfo machine) =>
        r.Flops > 0 ? (r.Threads > 1 ? machine.Fp32PeakAllCores : machine.PeakPerCore)
        : r.Bytes > 0 ? (r.Threads > 1 ? machine.CopyGBsAllCores : machine.CopyGBsOneThread) : 0;

    /// <summary>
    /// The table cell: "median (min–max)", then the fraction of the machine's limit for rates, then "×ratio" (this
    /// engine's median time over the baseline's, when a baseline is given); "✗ mismatch" when the check failed.
    /// </summary>
    public static string Cell(ResultRecord r, MachineInfo machine, ResultRecord? baseline)
    {
        if (r.Check.StartsWith("mismatch", StringComparison.Ordinal))
        {
            return "✗ mismatch";
        }
        if (r.Seconds.Length == 0)
        {
            return "—";
        }
        double median = Value(r, r.Median), low = Value(r, r.Seconds.Max()), high = Value(r, r.Seconds.Min());
        if (r.Flops == 0 && r.Bytes == 0)
        {
            (low, high) = (high, low);
        }
        var text = $"{Format(median)} ({Format(low)}–{Format(high)})";
        double limit = Limit(r, machine);
        if (limit > 0)
        {
            text += $" {(median / limit * 100).ToString("F0", CultureInfo.InvariantCulture)}%";
        }
        if (baseline is { Seconds.Length: > 0 } && !ReferenceEquals(baseline, r))
        {
            text += $" ×{(r.Median / baseline.Median).ToString(r.Median / baseline.Median >= 10 ? "F0" : "F2", CultureInfo.InvariantCulture)}";
        }
        return text;
    }

    /// <summary>Three significant digits (no exponent below 10⁶).</summary>
    public static string Format(double value) => value switch
    {
        >= 100 => value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("F2", CultureInfo.InvariantCulture),
        _ => value.ToString("G3", CultureInfo.InvariantCulture),
    };
}
