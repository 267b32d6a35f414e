using System.Globalization;

namespace Scratch.Diagnostics;

/// <summary>
/// SGEMM throughput: C = A·B for n×n float32 matrices (n = 1024, 4096, 8192; 32 and 64 with small sizes),
/// in GFLOP/s (2n³ per product) against the device's FP32 peak, and the smallest size on the CPU backend too.
/// </summary>
public sealed class SgemmStep : IGpuCheckStep
{
    /// <inheritdoc/>
    public string Section => "sgemm";

    /// <inheritdoc/>
    public void Run(GpuCheckContext context, GpuCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        int[] sizes = context.Small ? [32, 64] : [1024, 4096, 8192];
        var peak = DevicePeak.Fp32Gflops(context.Device);
        foreach (var n in sizes)
        {
            var gflops = Measure(context.Device, n, context.Repetitions, out var timing);
            var against = peak is { } p
                ? string.Create(CultureInfo.InvariantCulture, $"{100 * gflops / p:F0}% of the FP32 peak {p:F0} GFLOP/s")
                : "FP32 peak unknown for this device";
            report.Add(Section, $"C = A·B, n = {n}, float32, {context.Device}", TimingStats.Rate(gflops, "GFLOP/s"), $"{against}; {timing}");
        }
        var cpu = Measure(Device.Cpu, sizes[0], context.Repetitions, out var cpuTiming);
        report.Add(Section, $"C = A·B, n = {sizes[0]}, float32, cpu", TimingStats.Rate(cpu, "GFLOP/s"),
            $"our packed SIMD GEMM on {Environment.ProcessorCount} cores, for scale; {cpuTiming}");
    }

    private static double Measure(Device device, int n, int repetitions, out TimingStats timing)
    {
        using var scope = DeviceScope.Begin();
        var a = Tensor.Rand([n, n], new Generator(1), device: device);
        var b = Tensor.Rand([n, n], new Generator(2), device: device);
        timing = Timing.Measure(device, () => Tensor.MatMul(a, b), repetitions);
        return 2.0 * n * n * n / timing.Median / 1e9;
    }
}
