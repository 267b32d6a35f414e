using BenchmarkDotNet.Attributes;

namespace Scratch.Bench.Gpu;

/// <summary>
/// SGEMM on the best GPU (CUDA, else OpenCL) through the Tensor API, kernels compiled beforehand
/// (<see cref="Devices.WarmUp"/>), each invocation synchronised and its buffers returned to the pool.
/// Without a GPU every benchmark is a no-op and the setup says so.
/// </summary>
public class GpuSgemmBenchmark
{
    private Device? _gpu;
    private Scratch.Tensor _a = null!;
    private Scratch.Tensor _b = null!;

    /// <summary>Square matrix size.</summary>
    [Params(1024, 4096, 8192)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gpu = GpuBench.Setup();
        if (_gpu is { } d)
        {
            _a = Scratch.Tensor.Rand([N, N], new Generator(1), device: d);
            _b = Scratch.Tensor.Rand([N, N], new Generator(2), device: d);
        }
    }

    [Benchmark(Description = "C = A·B (float32, n×n)")]
    public void Sgemm() => GpuBench.Run(_gpu, () => Scratch.Tensor.MatMul(_a, _b));
}

/// <summary>A large elementwise add against a device-to-device copy of the same size (the bandwidth bound).</summary>
public class GpuElementwiseBenchmark
{
    private Device? _gpu;
    private Scratch.Tensor _a = null!;
    private Scratch.Tensor _b = null!;

    /// <summary>Elements per tensor.</summary>
    [Params(1 << 24)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gpu = GpuBench.Setup();
        if (_gpu is { } d)
        {
            _a = Scratch.Tensor.Rand([N], new Generator(1), device: d);
            _b = Scratch.Tensor.Rand([N], new Generator(2), device: d);
        }
    }

    [Benchmark(Baseline = true, Description = "device copy (a.Clone())")]
    public void Copy() => GpuBench.Run(_gpu, () => _a.Clone());

    [Benchmark(Description = "a + b")]
    public void Add() => GpuBench.Run(_gpu, () => _a + _b);
}

/// <summary>What the GPU benchmarks share: picking the GPU, compiling kernels, one synchronised op.</summary>
internal static class GpuBench
{
    public static Device? Setup()
    {
        if (Devices.TryResolveGpu() is not { } gpu)
        {
            Console.WriteLine("GPU benchmarks: no CUDA or OpenCL device, nothing to measure (devices: "
                + string.Join(", ", Devices.List().Select(d => d.Device)) + ")");
            return null;
        }
        Console.WriteLine($"GPU benchmarks on {gpu}; kernel compilation (first call) took {Devices.WarmUp(gpu).TotalMilliseconds:F0} ms");
        return gpu;
    }

    public static void Run(Device? gpu, Func<Scratch.Tensor> op)
    {
        if (gpu is not { } d)
        {
            return;
        }
        using var scope = DeviceScope.Begin();
        op();
        Devices.Synchronize(d);
    }
}
