using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

public class MatMulGradTests
{
    public static TheoryData<int[], int[]> Shapes => new()
    {
        { [3, 4], [4, 5] },
        { [2, 3, 4], [2, 4, 5] },
        { [2, 3, 4], [4, 5] },
        { [3, 4], [2, 4, 5] },
        { [2, 1, 3, 4], [3, 4, 2] },
        { [4], [4, 5] },
        { [3, 4], [4] },
        { [4], [2, 4, 3] },
        { [2, 3, 4], [4] },
        { [4], [4] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatMul_MatchesFiniteDifferences(int[] shapeA, int[] shapeB) =>
        GradCheck.Assert(v => Variable.MatMul(v[0], v[1]), [Seeded.Normal(40, shapeA), Seeded.Normal(41, shapeB)]);

    [Fact]
    public void MatMul_OfTransposedViews_MatchesFiniteDifferences()
    {
        // Aᵀ Bᵀ with both operands transposed views, and a batched Aᵀ B.
        GradCheck.Assert(v => v[0].MT.MatMul(v[1].MT), [Seeded.Normal(42, [4, 3]), Seeded.Normal(43, [5, 4])]);
        GradCheck.Assert(v => v[0].MT.MatMul(v[1]), [Seeded.Normal(44, [2, 4, 3]), Seeded.Normal(45, [2, 4, 2])]);
    }

    [Fact]
    public void MatMul_HandDerived()
    {
        // L = Σ (A B), so ∂L/∂A = 1 Bᵀ (row sums of B in every row) and ∂L/∂B = Aᵀ 1 (column sums of A in every column).
        var a = new Variable(Tensor.FromArray([1.0, 2, 3, 4], 2, 2), requiresGrad: true);
        var b = new Variable(Tensor.FromArray([5.0, 6, 7, 8], 2, 2), requiresGrad: true);
        var grads = Autodiff.Grad(a.MatMul(b).Sum(), [a, b]);
        Close.Values([11, 15, 11, 15], grads[0]);
        Close.Values([4, 4, 6, 6], grads[1]);
    }

    public static TheoryData<int[]> LinearInputShapes => new() { { [5] }, { [3, 5] }, { [2, 3, 5] } };

    [Theory]
    [MemberData(nameof(LinearInputShapes))]
    public void Linear_WithAndWithoutBias_MatchesFiniteDifferences(int[] inputShape)
    {
        GradCheck.Assert(v => Variable.Linear(v[0], v[1], v[2]), [Seeded.Normal(46, inputShape), Seeded.Normal(47, [4, 5]), Seeded.Normal(48, [4])]);
        GradCheck.Assert(v => Variable.Linear(v[0], v[1]), [Seeded.Normal(49, inputShape), Seeded.Normal(50, [4, 5])]);
    }

    [Fact]
    public void Linear_EqualsMatMulOfTransposePlusBias_AndItsWeightGradientIsContiguous()
    {
        var x = new Variable(Seeded.Normal(51, [3, 5]), requiresGrad: true);
        var w = new Variable(Seeded.Normal(52, [4, 5]), requiresGrad: true);
        var b = new Variable(Seeded.Normal(53, [4]), requiresGrad: true);
        var fused = Variable.Linear(x, w, b);
        var composed = x.MatMul(w.MT) + b;
        Close.Values(composed.Data.ToArray<double>(), fused.Data);
        var g = Autodiff.Grad((fused * fused).Sum(), [x, w, b]);
        var expected = Autodiff.Grad((composed * composed).Sum(), [x, w, b]);
        for (var i = 0; i < 3; i++)
        {
            Close.Values(expected[i].ToArray<double>(), g[i]);
        }
        Assert.True(g[1].IsContiguous);
    }

    [Fact]
    public void Linear_ShapesThatDoNotFit_NameAllThree()
    {
        var x = new Variable(Tensor.Zeros([2, 3]));
        var w = new Variable(Tensor.Zeros([4, 5]));
        var e = Assert.Throws<ArgumentException>(() => Variable.Linear(x, w));
        Assert.Contains("input [2, 3], weight [4, 5] and bias none", e.Message);
        e = Assert.Throws<ArgumentException>(() => Variable.Linear(new Variable(Tensor.Zeros([2, 5])), w, new Variable(Tensor.Zeros([3]))));
        Assert.Contains("bias [3]", e.Message);
    }
}
