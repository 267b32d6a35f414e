using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace Scratch.Bench.Memory;

/// <summary>
/// <c>a + b</c> and <c>Exp</c> through the Tensor API inside a DeviceScope (the output buffer comes from the pool
/// and returns to it) and outside any scope (a fresh output each call), against the plain TensorPrimitives call
/// into a preallocated array on one thread (the bound: within 1.2×), at 65,536 and 1,048,576 floats.
/// Run: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*ScopedElementwise*' --inProcess --iterationCount 15 --warmupCount 5</c>.
/// </summary>
[MemoryDiagnoser]
public class ScopedElementwiseBenchmark
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _out = [];
    private Scratch.Tensor _ta = null!;
    private Scratch.Tensor _tb = null!;

    /// <summary>Elements per tensor.</summary>
    [Params(1 << 16, 1 << 20)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(1);
        _ta = Scratch.Tensor.Rand([N], g);
        _tb = Scratch.Tensor.Rand([N], g);
        _a = _ta.ToArray<float>();
        _b = _tb.ToArray<float>();
        _out = new float[N];
    }

    [Benchmark(Baseline = true, Description = "TensorPrimitives.Add (preallocated, 1 thread)")]
    public void PrimitivesAdd() => TensorPrimitives.Add(_a, _b, _out);

    [Benchmark(Description = "Tensor a + b in a scope")]
    public int ScopedAdd()
    {
        using var scope = DeviceScope.Begin();
        return (_ta + _tb).ElementCount;
    }

    [Benchmark(Description = "Tensor a + b, no scope")]
    public Scratch.Tensor UnscopedAdd() => _ta + _tb;

    [Benchmark(Description = "TensorPrimitives.Exp (preallocated, 1 thread)")]
    public void PrimitivesExp() => TensorPrimitives.Exp(_a, _out);

    [Benchmark(Description = "Tensor Exp in a scope")]
    public int ScopedExp()
    {
        using var scope = DeviceScope.Begin();
        return _ta.Exp().ElementCount;
    }

    [Benchmark(Description = "Tensor Exp, no scope")]
    public Scratch.Tensor UnscopedExp() => _ta.Exp();
}
