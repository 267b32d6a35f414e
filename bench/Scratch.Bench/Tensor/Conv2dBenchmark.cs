using BenchmarkDotNet.Attributes;
using Scratch.Backends.Cpu;
using Scratch.Backends.Reference;

namespace Scratch.Bench.Tensor;

/// <summary>
/// One training step of an MNIST-sized convolution layer: a 128×1×28×28 batch through 32 filters of 5×5
/// (stride 1, no padding): forward, backward-input and backward-weight (+bias), fast kernels against the reference.
/// Run: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*Conv2dBenchmark*' --job short</c>.
/// </summary>
public class Conv2dBenchmark
{
    private static readonly Conv2dGeometry _geometry = new(128, 1, 28, 28, 32, 5, 5, 1, 1, 0, 0);
    private float[] _x = [], _w = [], _bias = [], _y = [], _dy = [], _dx = [], _dw = [], _db = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        float[] Uniform(long n) => [.. Enumerable.Range(0, (int)n).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        _x = Uniform(_geometry.InputLength);
        _w = Uniform(_geometry.WeightLength);
        _bias = Uniform(_geometry.OutChannels);
        _dy = Uniform(_geometry.OutputLength);
        _y = new float[_geometry.OutputLength];
        _dx = new float[_geometry.InputLength];
        _dw = new float[_geometry.WeightLength];
        _db = new float[_geometry.OutChannels];
    }

    [Benchmark(Description = "fast, all threads")]
    public void Fast() => Step(GemmOptions.Default);

    [Benchmark(Description = "fast, 1 thread")]
    public void FastOneThread() => Step(new GemmOptions { MaxThreads = 1 });

    [Benchmark(Baseline = true, Description = "reference")]
    public void Reference()
    {
        ReferenceConv2d.Forward<float>(_geometry, _x, _w, _bias, _y);
        ReferenceConv2d.BackwardInput<float>(_geometry, _dy, _w, _dx);
        ReferenceConv2d.BackwardWeight<float>(_geometry, _x, _dy, _dw, _db);
    }

    private void Step(GemmOptions options)
    {
        Conv2dKernels.Forward(_geometry, _x, _w, _bias, _y, options);
        Conv2dKernels.BackwardInput(_geometry, _dy, _w, _dx, options);
        Conv2dKernels.BackwardWeight(_geometry, _x, _dy, _dw, _db, options);
    }
}
