using System.Diagnostics;

namespace Scratch.Bench.Gpu;

/// <summary>
/// The short table scripts/gpu-check.sh prints last: the GPU, SGEMM GFLOP/s at n = 4096 and 8192
/// against the FP32 peak (2 · cores · clock, when the device reports them), and the bandwidth of a
/// large elementwise add against a device copy. Timed with a stopwatch around synchronised ops after
/// the kernels are compiled; the median of several runs.
/// </summary>
public static class GpuReport
{
    public static void Run()
    {
        if (Devices.TryResolveGpu() is not { } gpu)
        {
            Console.WriteLine("gpu-report: no CUDA or OpenCL device; nothing measured. Devices: " + string.Join(", ", Devices.List().Select(d => d.Device)));
            return;
        }
        var info = Devices.List().Single(d => d.Device == gpu);
        var jit = Devices.WarmUp(gpu);
        var rows = new List<(string, string)> { ("GPU", $"{info.Name} ({gpu}, compute {info.ComputeCapability}, {info.MemoryBytes / (1L << 30)} GiB)"), ("kernel compile (first call)", $"{jit.TotalSeconds:F2} s") };
        var peak = PeakGflops(info);
        foreach (var n in new[] { 4096, 8192 })
        {
            var a = Scratch.Tensor.Rand([n, n], new Generator(1), device: gpu);
            var b = Scratch.Tensor.Rand([n, n], new Generator(2), device: gpu);
            var seconds = Median(gpu, () => Scratch.Tensor.MatMul(a, b), n == 8192 ? 3 : 5);
            var gflops = 2.0 * n * n * n / seconds / 1e9;
            rows.Add(($"SGEMM n={n}", $"{gflops:F0} GFLOP/s" + (peak > 0 ? $" ({100 * gflops / peak:F0}% of {peak:F0} peak)" : "")));
        }
        const int elements = 1 << 26;
        var x = Scratch.Tensor.Rand([elements], new Generator(3), device: gpu);
        var y = Scratch.Tensor.Rand([elements], new Generator(4), device: gpu);
        var copy = 2.0 * 4 * elements / Median(gpu, () => x.Clone(), 10) / 1e9;
        var add = 3.0 * 4 * elements / Median(gpu, () => x + y, 10) / 1e9;
        rows.Add(("device copy bandwidth", $"{copy:F0} GB/s"));
        rows.Add(("elementwise add bandwidth", $"{add:F0} GB/s ({100 * add / copy:F0}% of copy)"));
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        foreach (var (k, v) in rows)
        {
            Console.WriteLine($"| {k} | {v} |");
        }
    }

    private static double Median(Device gpu, Func<Scratch.Tensor> op, int runs)
    {
        var times = new List<double>();
        for (var r = 0; r < runs + 1; r++)
        {
            using var scope = DeviceScope.Begin();
            Devices.Synchronize(gpu);
            var clock = Stopwatch.StartNew();
            op();
            Devices.Synchronize(gpu);
            if (r > 0)
            {
                times.Add(clock.Elapsed.TotalSeconds);
            }
        }
        times.Sort();
        return times[times.Count / 2];
    }

    // FP32 peak = 2 FLOP (FMA) · FP32 cores per SM · SMs · clock; 0 when unknown (non-CUDA or an unlisted architecture).
    private static double PeakGflops(DeviceInfo info) =>
        Scratch.Backends.Gpu.IlgpuRuntime.Native(info.Device) is ILGPU.Runtime.Cuda.CudaDevice cuda && CoresPerSm(info.ComputeCapability) is var cores and > 0
            ? 2.0 * cores * cuda.NumMultiprocessors * cuda.ClockRate / 1e6
            : 0;

    private static int CoresPerSm(string capability) => capability switch
    {
        "7.0" or "7.5" or "8.0" => 64,
        "8.6" or "8.7" or "8.9" or "9.0" or "10.0" or "12.0" => 128,
        _ => 0,
    };
}
