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
}
