using Scratch.Tests.Support;

namespace Scratch.Tests;

public class MatMulTests
{
    public static IEnumerable<object[]> Sizes() =>
        from m in new[] { 1, 7, 33 }
        from k in new[] { 1, 7, 257 }
        from n in new[] { 1, 33 }
        select new object[] { m, k, n };

    // Float32 dot products of length k against a double reference: relative error grows like √k·ε.
    [Theory]
    [MemberData(nameof(Sizes))]
    public void MatMul_AllTransposeCombinations_MatchReference(int m, int k, int n)
    {
        foreach (var ka in new[] { LayoutKind.Contiguous, LayoutKind.Transposed, LayoutKind.Offset })
        {
            foreach (var kb in new[] { LayoutKind.Contiguous, LayoutKind.Transposed })
            {
                var a = SampleTensors.Make([m, k], ka, seed: m + k);
                var b = SampleTensors.Make([k, n], kb, seed: k + n);
                BackendParity.Check(Tensor.MatMul, a, b, rtol: 1e-5, atol: 2e-5);
            }
        }
    }

    // A row of a product with at least two rows is computed the same way whatever the other rows: the packed driver
    // blocks k by K alone and pads partial row tiles. Szegedy's lockstep objective relies on it when it rounds its
    // batch of active problems up to a size class (ModelObjective.CreateBatched). One row takes the unpacked path.
    [Theory]
    [InlineData(784, 100, false)] // a Linear layer's x·Wᵀ on MNIST
    [InlineData(100, 784, true)] // its input gradient, g·W
    [InlineData(100, 10, false)]
    [InlineData(257, 33, true)]
    public void MatMul_RowsOfAProductOfAtLeastTwoRows_HaveTheSameBitsWhateverTheRowCount(int k, int n, bool plainB)
    {
        const int rows = 131;
        var a = SampleTensors.Make([rows, k], LayoutKind.Contiguous, seed: k + n);
        var b = SampleTensors.Make([k, n], plainB ? LayoutKind.Contiguous : LayoutKind.Transposed, seed: k * n);
        var all = Tensor.MatMul(a, b).ToArray<float>();
        foreach (var m in new[] { 2, 3, 5, 8, 13, 16, 17, 31, 32, 64, 100, 128 })
        {
            var part = Tensor.MatMul(a.Narrow(0, rows - m, m), b).ToArray<float>();
            Assert.Equal(all[((rows - m) * n)..], part);
        }
    }

    [Fact]
    public void MatMul_BatchedWithBroadcast_MatchesReference()
    {
        var a = SampleTensors.Make([3, 1, 7, 33], LayoutKind.Contiguous, seed: 1);
        var b = SampleTensors.Make([4, 33, 5], LayoutKind.Transposed, seed: 2);
        BackendParity.Check(Tensor.MatMul, a, b, rtol: 1e-5, atol: 1e-5);
        var w = SampleTensors.Make([33, 5], LayoutKind.Contiguous, seed: 3);
        BackendParity.Check(Tensor.MatMul, a, w, rtol: 1e-5, atol: 1e-5);
        var bb = SampleTensors.Make([2, 7, 33], LayoutKind.Broadcast, seed: 4);
        BackendParity.Check((p, q) => Tensor.MatMul(p, q.MT), bb, bb, rtol: 1e-5, atol: 1e-5);
    }

    [Fact]
    public void MatMul_Vectors_FollowNumPyRules()
    {
        var m = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var v = Tensor.FromArray(new float[] { 1, 0, -1 });
        var mv = Tensor.MatMul(m, v);
        Assert.Equal(new Shape(2), mv.Shape);
        Assert.Equal(new float[] { -2, -2 }, mv.ToArray<float>());
        Assert.Equal(2.0, Tensor.MatMul(v, v).Item());
        var vm = Tensor.MatMul(Tensor.FromArray(new float[] { 1, 1 }), m);
        Assert.Equal(new float[] { 5, 7, 9 }, vm.ToArray<float>());
    }

    [Fact]
    public void MatMul_Float64_MatchesReferenceTightly()
    {
        var a = SampleTensors.Make([33, 257], LayoutKind.Transposed, seed: 5, dtype: DType.Float64);
        var b = SampleTensors.Make([257, 7], LayoutKind.Contiguous, seed: 6, dtype: DType.Float64);
        BackendParity.Check(Tensor.MatMul, a, b, rtol: 1e-12, atol: 1e-12);
    }

    [Fact]
    public void MatMul_EmptyInnerDimension_GivesZeros()
    {
        var y = Tensor.MatMul(Tensor.Zeros([3, 0]), Tensor.Zeros([0, 2]));
        Assert.Equal(new float[6], y.ToArray<float>());
    }

    [Fact]
    public void MatMul_InnerMismatch_ErrorNamesShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(Tensor.Zeros([2, 3]), Tensor.Zeros([4, 5])));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4, 5]", e.Message);
    }
}
