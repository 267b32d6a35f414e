using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Scratch.Backends.Cpu;

namespace Scratch.Bench.Tensor;

/// <summary>
/// SGEMM and DGEMM, C = A·B for n×n row-major matrices, per size, thread count and microkernel width.
/// Run: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*GemmBenchmark*' --job short</c>.
/// The GFLOP/s column is 2n³ / mean.
/// </summary>
[Config(typeof(Config))]
public class GemmBenchmark
{
    private float[] _af = [], _bf = [], _cf = [];
    private double[] _ad = [], _bd = [], _cd = [];
    private GemmOptions _options = GemmOptions.Default;

    [Params(256, 1024, 2048)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(SimdWidth.Vector512, SimdWidth.Vector256)]
    public SimdWidth Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        int size = N * N;
        _af = [.. Enumerable.Range(0, size).Select(_ => (float)random.NextDouble())];
        _bf = [.. Enumerable.Range(0, size).Select(_ => (float)random.NextDouble())];
        _cf = new float[size];
        _ad = [.. _af.Select(v => (double)v)];
        _bd = [.. _bf.Select(v => (double)v)];
        _cd = new double[size];
        _options = new GemmOptions { MaxThreads = Threads, Width = Width };
    }

    [Benchmark(Description = "SGEMM")]
    public void Sgemm() =>
        Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, N, N, N, 1f, _af, N, _bf, N, 0f, _cf, N, _options);

    [Benchmark(Description = "DGEMM")]
    public void Dgemm() =>
        Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, N, N, N, 1.0, _ad, N, _bd, N, 0.0, _cd, N, _options);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn());
    }
}
