using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

public class ElementwiseGradTests
{
    private static readonly Dictionary<string, Func<Variable, Variable>> UnaryOps = new()
    {
        ["neg"] = x => x.Neg(),
        ["abs"] = x => x.Abs(),
        ["sign"] = x => x.Sign(),
        ["exp"] = x => x.Exp(),
        ["log"] = x => x.Log(),
        ["sqrt"] = x => x.Sqrt(),
        ["square"] = x => x.Square(),
        ["reciprocal"] = x => x.Reciprocal(),
        ["sin"] = x => x.Sin(),
        ["cos"] = x => x.Cos(),
        ["tanh"] = x => x.Tanh(),
        ["sigmoid"] = x => x.Sigmoid(),
        ["relu"] = x => x.Relu(),
        ["softplus"] = x => x.Softplus(),
        ["pow 3"] = x => x.Pow(3),
        ["pow -1.5"] = x => x.Pow(-1.5),
        ["clamp"] = x => x.Clamp(-0.5, 0.7),
    };

    private static readonly HashSet<string> NeedPositive = ["log", "sqrt", "reciprocal", "pow -1.5"];

    public static TheoryData<string> UnaryNames => new(UnaryOps.Keys);

    private static Tensor Input(string op, ulong seed, int[] shape) =>
        NeedPositive.Contains(op) ? Seeded.Uniform(seed, shape, 0.5, 2.0) : Seeded.Normal(seed, shape);

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Unary_Contiguous_MatchesFiniteDifferences(string op) =>
        GradCheck.Assert(UnaryOps[op], Input(op, 1, [3, 4]));

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Unary_TransposedView_MatchesFiniteDifferences(string op) =>
        GradCheck.Assert(x => UnaryOps[op](x.MT), Input(op, 2, [4, 3]));

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Unary_NarrowedBatch_MatchesFiniteDifferences(string op) =>
        GradCheck.Assert(x => UnaryOps[op](x.Narrow(2, 1, 3)), Input(op, 3, [2, 3, 5]));

    private static readonly Dictionary<string, Func<Variable, Variable, Variable>> BinaryOps = new()
    {
        ["add"] = (a, b) => a + b,
        ["sub"] = (a, b) => a - b,
        ["mul"] = (a, b) => a * b,
        ["div"] = (a, b) => a / b,
        ["maximum"] = Variable.Maximum,
        ["minimum"] = Variable.Minimum,
        ["pow"] = Variable.Pow,
    };

    public static TheoryData<string, int[], int[]> BinaryCases()
    {
        var data = new TheoryData<string, int[], int[]>();
        foreach (var op in BinaryOps.Keys)
        {
            data.Add(op, [3, 4], [3, 4]);
            data.Add(op, [2, 3, 4], [3, 1]);
            data.Add(op, [4], [2, 3, 4]);
            data.Add(op, [2, 1, 4], [1, 3, 1]);
            data.Add(op, [], [3, 2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Binary_BroadcastShapes_MatchFiniteDifferences(string op, int[] shapeA, int[] shapeB)
    {
        // Positive operands keep div and pow differentiable; distinct ranges keep maximum/minimum away from ties.
        var a = Seeded.Uniform(10, shapeA, 0.5, 2.0);
        var b = Seeded.Uniform(11, shapeB, 0.4, 2.1);
        GradCheck.Assert(v => BinaryOps[op](v[0], v[1]), [a, b]);
    }

    [Fact]
    public void Binary_TransposedAndNarrowedOperands_MatchFiniteDifferences()
    {
        foreach (var (name, op) in BinaryOps)
        {
            var a = Seeded.Uniform(12, [4, 3], 0.5, 2.0);
            var b = Seeded.Uniform(13, [3, 6], 0.4, 2.1);
            var result = GradCheck.Run(v => op(v[0].MT, v[1].Narrow(1, 2, 4)).Square(), [a, b]);
            Assert.True(result.Passed, $"{name}: {result}");
        }
    }

    [Fact]
    public void ScalarOverloads_MatchFiniteDifferences()
    {
        var x = Seeded.Uniform(20, [2, 3], 0.5, 2.0);
        GradCheck.Assert(v => (v + 2) * 3 - 1, x);
        GradCheck.Assert(v => (2 + v) / 4 + (5 - v), x);
        GradCheck.Assert(v => 3 / v - v * 0.5 + 2 * v, x);
    }

    [Fact]
    public void Where_RoutesGradientByCondition()
    {
        var condition = Tensor.FromArray([1.0, 0.0, 1.0, 0.0, 0.0, 1.0], 2, 3);
        GradCheck.Assert(v => Variable.Where(condition, v[0], v[1]), [Seeded.Normal(21, [2, 3]), Seeded.Normal(22, [3])]);
    }

    [Fact]
    public void Polynomial_HandDerived()
    {
        // y = x² + 5x + 4, dy/dx = 2x + 5
        var x = new Variable(Tensor.FromArray([-3.0, 0.0, 1.5]), requiresGrad: true);
        (x.Square() + x * 5 + 4).Sum().Backward();
        Close.Values([-1.0, 5.0, 8.0], x.Grad!);
    }

    [Fact]
    public void Kinks_UseTheStatedSubgradients()
    {
        // ReLU′(0) = 0, |x|′(0) = 0, sign′ = 0, clamp passes the gradient at its bounds (x = −1 and x = 1 below).
        var x = new Variable(Tensor.FromArray([0.0, 0.0, -1.0, 1.0, 2.0]), requiresGrad: true);
        Close.Values([0, 0, 0, 1, 1], Autodiff.Grad(x.Relu().Sum(), x));
        Close.Values([0, 0, -1, 1, 1], Autodiff.Grad(x.Abs().Sum(), x));
        Close.Values([0, 0, 0, 0, 0], Autodiff.Grad(x.Sign().Sum(), x));
        Close.Values([1, 1, 1, 1, 0], Autodiff.Grad(x.Clamp(-1, 1).Sum(), x));
    }

    [Fact]
    public void MaximumMinimum_AtATie_SplitTheGradient()
    {
        // max(a, b) at a = b: each side gets ½ (the mean of the one-sided derivatives); likewise min.
        var a = new Variable(Tensor.FromArray([1.0, 2.0, 3.0]), requiresGrad: true);
        var b = new Variable(Tensor.FromArray([2.0, 2.0, 1.0]), requiresGrad: true);
        var grads = Autodiff.Grad(Variable.Maximum(a, b).Sum(), [a, b]);
        Close.Values([0, 0.5, 1], grads[0]);
        Close.Values([1, 0.5, 0], grads[1]);
        grads = Autodiff.Grad(Variable.Minimum(a, b).Sum(), [a, b]);
        Close.Values([1, 0.5, 0], grads[0]);
        Close.Values([0, 0.5, 1], grads[1]);
    }

    [Fact]
    public void Pow_ExponentGradientAtNonPositiveBase_IsZero()
    {
        // ∂aᵇ/∂b = aᵇ ln a is undefined for a ≤ 0; the stated convention is 0 there.
        var a = new Variable(Tensor.FromArray([0.0, 2.0]), requiresGrad: true);
        var b = new Variable(Tensor.FromArray([2.0, 3.0]), requiresGrad: true);
        var grads = Autodiff.Grad(Variable.Pow(a, b).Sum(), [a, b]);
        Close.Values([0, 12], grads[0]);
        Close.Values([0, 8 * Math.Log(2)], grads[1], atol: 1e-12);
    }
}
