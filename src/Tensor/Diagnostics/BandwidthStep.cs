using System.Globalization;

namespace Scratch.Diagnostics;

/// <summary>
/// Elementwise bandwidth: a device-to-device copy (the bound an elementwise kernel can reach), a + b and
/// relu(a) over 2²⁶ float32 elements (2¹⁶ with small sizes), in GB/s counting bytes read and written.
/// </summary>
public sealed class BandwidthStep : IGpuCheckStep
{
    /// <inheritdoc/>
    public string Section => "bandwidth";

    /// <inheritdoc/>
    public void Run(GpuCheckContext context, GpuCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var device = context.Device;
        var n = context.Small ? 1 << 16 : 1 << 26;
        using var scope = DeviceScope.Begin();
        var x = Tensor.Rand([n], new Generator(3), device: device);
        var y = Tensor.Rand([n], new Generator(4), device: device);
        var copyTiming = Timing.Measure(device, () => x.Clone(), context.Repetitions);
        var copy = Rate(2, n, copyTiming);
        var peak = DevicePeak.MemoryGBs(device) is { } p ? string.Create(CultureInfo.InvariantCulture, $"{100 * copy / p:F0}% of the memory's peak {p:F0} GB/s; ") : "";
        report.Add(Section, $"device copy, {n} float32", F(copy), $"{peak}{copyTiming}");
        foreach (var (name, streams, op) in new (string, int, Func<Tensor>)[] { ("a + b", 3, () => x + y), ("relu(a)", 2, () => x.Relu()) })
        {
            var timing = Timing.Measure(device, op, context.Repetitions);
            var rate = Rate(streams, n, timing);
            report.Add(Section, $"{name}, {n} float32", F(rate), string.Create(CultureInfo.InvariantCulture, $"{100 * rate / copy:F0}% of the device copy; {timing}"));
        }
    }

    // Bytes moved per second: `streams` arrays of n float32 read or written.
    private static double Rate(int streams, int n, TimingStats timing) => streams * 4.0 * n / timing.Median / 1e9;

    private static string F(double gbs) => TimingStats.Rate(gbs, "GB/s");
}
