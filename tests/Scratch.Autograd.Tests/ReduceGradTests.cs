using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

public class ReduceGradTests
{
    private static readonly Dictionary<string, Func<Variable, int[]?, bool, Variable>> Reductions = new()
    {
        ["sum"] = (x, axes, keep) => x.Sum(axes, keep),
        ["mean"] = (x, axes, keep) => x.Mean(axes, keep),
        ["max"] = (x, axes, keep) => x.Max(axes, keep),
        ["min"] = (x, axes, keep) => x.Min(axes, keep),
        ["logsumexp"] = (x, axes, keep) => x.LogSumExp(axes, keep),
        ["norm1"] = (x, axes, keep) => x.Norm(1, axes, keep),
        ["norm2"] = (x, axes, keep) => x.Norm(2, axes, keep),
        ["norminf"] = (x, axes, keep) => x.Norm(double.PositiveInfinity, axes, keep),
    };

    public static TheoryData<string, int[]?, bool> Cases()
    {
        var data = new TheoryData<string, int[]?, bool>();
        foreach (var op in Reductions.Keys)
        {
            data.Add(op, null, false);
            data.Add(op, [0], false);
            data.Add(op, [-1], true);
            data.Add(op, [0, 2], false);
            data.Add(op, [1, 2], true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reduction_OverAxes_MatchesFiniteDifferences(string op, int[]? axes, bool keepDim) =>
        GradCheck.Assert(x => Reductions[op](x, axes, keepDim), Seeded.Normal(30, [2, 3, 4]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reduction_OfTransposedView_MatchesFiniteDifferences(string op, int[]? axes, bool keepDim) =>
        GradCheck.Assert(x => Reductions[op](x.Permute(2, 0, 1), axes, keepDim), Seeded.Normal(31, [3, 4, 2]));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void SoftmaxAndLogSoftmax_MatchFiniteDifferences(int axis)
    {
        GradCheck.Assert(x => x.Softmax(axis), Seeded.Normal(32, [2, 3, 4]));
        GradCheck.Assert(x => x.LogSoftmax(axis), Seeded.Normal(33, [2, 3, 4]));
        GradCheck.Assert(x => x.MT.LogSoftmax(axis), Seeded.Normal(34, [2, 4, 3]));
    }

    [Fact]
    public void Max_WithTies_SplitsTheGradientEvenly()
    {
        // max over [1, 3, 3]: ∂max/∂x = [0, ½, ½] (the gradient is shared by the tied maxima).
        var x = new Variable(Tensor.FromArray([1.0, 3.0, 3.0, 5.0, 2.0, 5.0], 2, 3), requiresGrad: true);
        Close.Values([0, 0.5, 0.5, 0.5, 0, 0.5], Autodiff.Grad(x.Max(1).Sum(), x));
        // min over all of [[2, 1, 1], [1, 4, 6]]: three tied minima get ⅓ each.
        var y = new Variable(Tensor.FromArray([2.0, 1.0, 1.0, 1.0, 4.0, 6.0], 2, 3), requiresGrad: true);
        Close.Values([0, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0], Autodiff.Grad(y.Min(), y), atol: 1e-15);
    }

    [Fact]
    public void Mean_HandDerived()
    {
        // L = mean over axis 1 of x (n = 4 per row), summed: ∂L/∂x = 1/4 everywhere.
        var x = new Variable(Seeded.Normal(35, [3, 4]), requiresGrad: true);
        Close.Values(Enumerable.Repeat(0.25, 12).ToArray(), Autodiff.Grad(x.Mean(1).Sum(), x));
    }

    [Fact]
    public void Norm2_AtZero_HasZeroGradient()
    {
        // ∂‖x‖/∂x = x/‖x‖ is 0/0 at x = 0; the stated sub-gradient there is 0, not NaN.
        var x = new Variable(Tensor.Zeros([2, 3], DType.Float64), requiresGrad: true);
        Close.Values(new double[6], Autodiff.Grad(x.Norm(2, [1]).Sum(), x));
    }

    [Fact]
    public void LogSumExp_HandDerived()
    {
        // ∂ log(e^a + e^b) / ∂a = e^a / (e^a + e^b) = softmax; for (0, ln 3) that is (¼, ¾).
        var x = new Variable(Tensor.FromArray([0.0, Math.Log(3)]), requiresGrad: true);
        Close.Values([0.25, 0.75], Autodiff.Grad(x.LogSumExp(), x));
    }
}
