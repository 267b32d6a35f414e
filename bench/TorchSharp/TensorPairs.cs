using BenchmarkDotNet.Attributes;
using Scratch.Autograd;
using Scratch.BenchSuite.Harness;
using Scratch.Nn;
using TorchSharp;
using static TorchSharp.torch;
using STensor = Scratch.Tensor;
using TTensor = TorchSharp.torch.Tensor;

namespace Scratch.Bench.Torch;

/// <summary>One tensor-API operation per engine, each call in its engine's scope (Scratch's DeviceScope, TorchSharp's dispose scope).</summary>
public abstract class TensorOpPair : Pair
{
    [Benchmark(Baseline = true)]
    public void Scratch()
    {
        using var scope = DeviceScope.Begin();
        ScratchOp();
    }

    [Benchmark]
    public void TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        TorchOp();
    }

    /// <summary>The operation on Scratch's inputs.</summary>
    protected abstract STensor ScratchOp();

    /// <summary>The same operation on TorchSharp's inputs.</summary>
    protected abstract TTensor TorchOp();
}

/// <summary>
/// a + b, exp(a) and sum(a) over 2²⁰ float32 values through each engine's tensor API, each call in a scope (inputs:
/// streams 1 and 2, the sum's in [0, 1), as bench/Suite's ElementwiseCases).
/// </summary>
public class ElementwisePair : TensorOpPair
{
    private const int N = 1 << 20;
    private STensor _a = null!, _b = null!;
    private TTensor _ta = null!, _tb = null!;

    [Params("add", "exp", "sum")]
    public string Op { get; set; } = "add";

    [GlobalSetup]
    public void Setup()
    {
        UseThreads();
        float[] a = Op == "sum" ? Inputs.Pixels(N, 1) : Inputs.Floats(N, 1), b = Inputs.Floats(N, 2);
        (_a, _b, _ta, _tb) = (STensor.FromArray(a, N), STensor.FromArray(b, N), Torch(a, N), Torch(b, N));
        using var scope = DeviceScope.Begin();
        Check(Op, Values(ScratchOp()), Values(TorchOp()), Op == "sum" ? 1e-4 : 1e-5);
    }

    protected override STensor ScratchOp() => Op switch { "add" => _a + _b, "exp" => _a.Exp(), _ => _a.Sum() };

    protected override TTensor TorchOp() => Op switch { "add" => _ta + _tb, "exp" => _ta.exp(), _ => _ta.sum() };

    public override Row Describe() =>
        new("elementwise", Op, "n = 2^20", N, Bytes: (Op switch { "add" => 12.0, "exp" => 8.0, _ => 4.0 }) * N);
}

/// <summary>
/// Softmax over the rows of 1024×1000 float32 logits (stream 1 × 8), and softmax cross-entropy's forward and backward
/// (the gradient with respect to the logits, mean over the batch; labels stream 2), as bench/Suite's SoftmaxCases.
/// </summary>
public class SoftmaxPair : TensorOpPair
{
    private const int Rows = 1024, Classes = 1000;
    private STensor _logits = null!, _labels = null!;
    private TTensor _tlogits = null!, _tlabels = null!;

    [Params("softmax forward", "cross-entropy forward + backward")]
    public string Op { get; set; } = "softmax forward";

    [GlobalSetup]
    public void Setup()
    {
        UseThreads();
        var logits = Inputs.Floats(Rows * Classes, 1, 8);
        var labels = Inputs.Labels(Rows, 2, Classes);
        (_logits, _labels) = (STensor.FromArray(logits, Rows, Classes), STensor.FromArray(labels));
        (_tlogits, _tlabels) = (Torch(logits, Rows, Classes), Labels(labels));
        using var scope = DeviceScope.Begin();
        Check(Op, Values(ScratchOp()), Values(TorchOp()), Op == "softmax forward" ? 1e-5 : 1e-4);
    }

    protected override STensor ScratchOp()
    {
        if (Op == "softmax forward")
        {
            return _logits.Softmax(1);
        }
        var v = new Variable(_logits, requiresGrad: true);
        return Autodiff.Grad(Losses.CrossEntropy(v, _labels), [v])[0];
    }

    protected override TTensor TorchOp()
    {
        if (Op == "softmax forward")
        {
            return _tlogits.softmax(1);
        }
        var x = _tlogits.detach().requires_grad_(true);
        return torch.autograd.grad([nn.functional.cross_entropy(x, _tlabels)], [x])[0];
    }

    public override Row Describe() =>
        new("softmax", Op, $"{Rows}×{Classes}", Rows * Classes, Bytes: Op == "softmax forward" ? 8.0 * Rows * Classes : 0);
}
