using Scratch.Tests.Support;

namespace Scratch.Tests;

public class IndexingTests
{
    [Fact]
    public void Gather_PicksLabelLogits_AndMatchesReference()
    {
        var logits = SampleTensors.Make([5, 10], LayoutKind.Transposed, seed: 1);
        var labels = Tensor.FromArray(new[] { 3, 0, 9, 9, 1 }, 5, 1);
        BackendParity.Check(t => t.Gather(1, labels.To(t.Device)), logits);
        var picked = logits.Gather(1, labels).ToArray<float>();
        var all = logits.ToArray<float>();
        Assert.Equal(all[0 * 10 + 3], picked[0]);
        Assert.Equal(all[4 * 10 + 1], picked[4]);
    }

    [Fact]
    public void ScatterAdd_IsAdjointOfGather()
    {
        // ⟨gather(x, i), y⟩ = ⟨x, scatter_add(i, y)⟩ for every x, y.
        var x = SampleTensors.Make([4, 6], LayoutKind.Contiguous, seed: 2, dtype: DType.Float64);
        var y = SampleTensors.Make([4, 3], LayoutKind.Contiguous, seed: 3, dtype: DType.Float64);
        var index = Tensor.FromArray(new[] { 0, 5, 5, 1, 1, 1, 2, 3, 4, 0, 0, 0 }, 4, 3);
        var left = (x.Gather(1, index) * y).Sum().Item();
        var right = (x * Tensor.ScatterAdd([4, 6], 1, index, y)).Sum().Item();
        Assert.Equal(left, right, 12);
        BackendParity.Check(s => Tensor.ScatterAdd([4, 6], 1, index.To(s.Device), s), y, rtol: 1e-12);
    }

    [Fact]
    public void OneHot_BuildsRows_AndRejectsBadLabels()
    {
        var labels = Tensor.FromArray(new[] { 2, 0 });
        Assert.Equal(new float[] { 0, 0, 1, 0, 1, 0, 0, 0 }, Tensor.OneHot(labels, 4).ToArray<float>());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.OneHot(Tensor.FromArray(new[] { 1, 10 }), 10));
        Assert.Contains("10", e.Message);
        Assert.Contains("0..9", e.Message);
    }

    [Fact]
    public void Gather_IndexOutOfRange_IsAClearError()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros([2, 3]).Gather(1, Tensor.FromArray(new[] { 0, 3 }, 2, 1)));
        Assert.Contains("0..2", e.Message);
    }

    [Fact]
    public void ConcatAndStack_OfViews_MatchReference()
    {
        var a = SampleTensors.Make([3, 7], LayoutKind.Transposed, seed: 4);
        var b = SampleTensors.Make([3, 7], LayoutKind.Offset, seed: 5);
        BackendParity.Check((p, q) => Tensor.Concat([p, q], 0), a, b);
        BackendParity.Check((p, q) => Tensor.Concat([p, q, p], 1), a, b);
        BackendParity.Check((p, q) => Tensor.Stack([p, q], 1), a, b);
        Assert.Equal(new Shape(3, 2, 7), Tensor.Stack([a, b], 1).Shape);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Concat_LargeJoinOfViews_PutsEveryPartInPlace(int axis)
    {
        // Over a million elements: the parts are copied on several cores. Five parts, one a transposed view and one an
        // offset view, of unequal lengths along the axis.
        var parts = new[]
        {
            SampleTensors.Make([310, 784], LayoutKind.Contiguous, seed: 6),
            SampleTensors.Make([310, 784], LayoutKind.Transposed, seed: 7),
            SampleTensors.Make([310, 784], LayoutKind.Offset, seed: 8),
            SampleTensors.Make([310, 784], LayoutKind.Contiguous, seed: 9),
            SampleTensors.Make([310, 784], LayoutKind.Contiguous, seed: 10),
        }.Select((t, i) => axis == 0 ? t.Narrow(0, 0, 300 + i) : t.Narrow(1, 0, 700 + i)).ToArray();
        var joined = Tensor.Concat(parts, axis);
        Assert.True(joined.ElementCount >= 1 << 20);
        var rows = parts.Select(p => p.ToArray<float>().Chunk(p.Shape[1]).ToArray()).ToArray();
        var expected = axis == 0
            ? rows.SelectMany(r => r.SelectMany(x => x))
            : Enumerable.Range(0, 310).SelectMany(r => rows.SelectMany(part => part[r]));
        Assert.Equal(expected.ToArray(), joined.ToArray<float>());
    }

    [Fact]
    public void Concat_AxisLongerThanADimensionCanBe_IsAClearError()
    {
        // Three broadcast views of 2^30 elements each (no memory behind them): 3·2^30 does not fit an int dimension.
        var part = Tensor.Scalar(1.0, DType.Float32, Device.Cpu).Reshape(1).Expand(1 << 30);
        var e = Assert.Throws<ArgumentException>(() => Tensor.Concat([part, part, part]));
        Assert.Contains("axis 0", e.Message);
        Assert.Contains("2147483647", e.Message);
    }

    [Fact]
    public void Concat_MismatchedShapes_ErrorNamesDimension()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Concat([Tensor.Zeros([2, 3]), Tensor.Zeros([3, 4])], 0));
        Assert.Contains("dimension 1", e.Message);
    }
}
