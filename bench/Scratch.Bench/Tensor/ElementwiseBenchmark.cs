using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace Scratch.Bench.Tensor;

/// <summary>
/// Large elementwise ops through the Tensor API against a plain TensorPrimitives call over the same
/// arrays (the bound to be within 1.2× of). The Tensor op allocates its output; the baseline writes into
/// a preallocated array on one thread.
/// </summary>
[MemoryDiagnoser]
public class ElementwiseBenchmark
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _out = [];
    private Scratch.Tensor _ta = null!;
    private Scratch.Tensor _tb = null!;
    private Scratch.Tensor _row = null!;

    /// <summary>Elements per tensor.</summary>
    [Params(1 << 16, 1 << 20, 1 << 24)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(1);
        _ta = Scratch.Tensor.Rand([N], g);
        _tb = Scratch.Tensor.Rand([N], g);
        _row = Scratch.Tensor.Rand([1024], g);
        _a = _ta.ToArray<float>();
        _b = _tb.ToArray<float>();
        _out = new float[N];
    }

    [Benchmark(Baseline = true, Description = "TensorPrimitives.Add (preallocated, 1 thread)")]
    public void PrimitivesAdd() => TensorPrimitives.Add(_a, _b, _out);

    [Benchmark(Description = "Tensor a + b")]
    public Scratch.Tensor TensorAdd() => _ta + _tb;

    [Benchmark(Description = "TensorPrimitives.Exp (preallocated, 1 thread)")]
    public void PrimitivesExp() => TensorPrimitives.Exp(_a, _out);

    [Benchmark(Description = "Tensor Exp")]
    public Scratch.Tensor TensorExp() => _ta.Exp();

    [Benchmark(Description = "TensorPrimitives.Sum")]
    public float PrimitivesSum() => TensorPrimitives.Sum<float>(_a);

    [Benchmark(Description = "Tensor Sum")]
    public Scratch.Tensor TensorSum() => _ta.Sum();

    [Benchmark(Description = "Tensor [N/1024, 1024] + row broadcast")]
    public Scratch.Tensor TensorBroadcastAdd() => _ta.Reshape(-1, 1024) + _row;
}
