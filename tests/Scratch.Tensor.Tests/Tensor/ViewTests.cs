namespace Scratch.Tests;

public class ViewTests
{
    private static Tensor Iota(params int[] shape) =>
        Tensor.Arange(0, shape.Aggregate(1, (p, d) => p * d)).Reshape(shape);

    [Fact]
    public void Transpose_SharesStorage_AndReordersElements()
    {
        var x = Iota(2, 3);
        var t = x.Transpose(0, 1);
        Assert.Same(x.Storage, t.Storage);
        Assert.False(t.IsContiguous);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, t.ToArray<float>());
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, t.Contiguous().ToArray<float>());
    }

    [Fact]
    public void Reshape_ViewWhenStridesAllow_CopyOtherwise()
    {
        var x = Iota(4, 6);
        var narrow = x.Narrow(1, 0, 6).Narrow(0, 1, 2);
        Assert.Same(x.Storage, narrow.Reshape(12).Storage);
        var t = x.Transpose(0, 1);
        var flat = t.Reshape(-1);
        Assert.NotSame(x.Storage, flat.Storage);
        Assert.Equal(t.ToArray<float>(), flat.ToArray<float>());
        Assert.Throws<InvalidOperationException>(() => t.View(24));
        var split = t.Reshape(2, 3, 4);
        Assert.Equal(t.ToArray<float>(), split.ToArray<float>());
    }

    [Fact]
    public void Reshape_ToAShape_SelfViewOrCopy()
    {
        var x = Iota(4, 6);
        Assert.Same(x, x.Reshape(new Shape(4, 6)));
        var view = x.Reshape(new Shape(2, 12));
        Assert.Same(x.Storage, view.Storage);
        Assert.Equal(new Shape(2, 12), view.Shape);
        Assert.Equal(x.ToArray<float>(), view.ToArray<float>());
        var t = x.Transpose(0, 1);
        var copy = t.Reshape(new Shape(24));
        Assert.NotSame(x.Storage, copy.Storage);
        Assert.Equal(t.ToArray<float>(), copy.ToArray<float>());
        var e = Assert.Throws<ArgumentException>(() => x.Reshape(new Shape(5, 5)));
        Assert.Contains("[5, 5]", e.Message);
        Assert.Contains("24", e.Message);
    }

    [Fact]
    public void HighRank_ViewsAndReductions_Work()
    {
        // Rank 300 (sizes 1 but two): past the sizes the view and reduction code keeps on the stack.
        var dims = Enumerable.Repeat(1, 300).ToArray();
        dims[7] = 2;
        dims[250] = 3;
        var x = Tensor.Arange(0, 6).Reshape(dims);
        var permutation = Enumerable.Range(0, 300).Reverse().ToArray();
        Assert.Equal(x.ToArray<float>(), x.Permute(permutation).Reshape(3, 2).MT.ToArray<float>());
        Assert.Equal(15f, x.Sum().ToArray<float>()[0]);
        Assert.Equal([3f, 12f], x.Sum([250]).ToArray<float>());
        Assert.Equal(x.ToArray<float>(), (x + x.Transpose(0, 299)).ToArray<float>().Select(v => v / 2).ToArray());
        // 100,000 dimensions: buffers of that rank go to the heap (on the stack, a few times more would overflow it).
        var huge = Tensor.Ones(new Shape(Enumerable.Repeat(1, 100_000).ToArray()));
        Assert.Equal(1f, huge.Transpose(0, 99_999).Sum().ToArray<float>()[0]);
        Assert.Equal(2f, (huge + huge).Sum([5]).Reshape(1).ToArray<float>()[0]);
    }

    [Fact]
    public void View_SplitsTransposedDimension_WithoutCopy()
    {
        // A [6, 4] transpose of [4, 6]: splitting the first axis (stride 1) into [2, 3] needs no copy.
        var t = Iota(4, 6).Transpose(0, 1);
        var v = t.View(2, 3, 4);
        Assert.Same(t.Storage, v.Storage);
        Assert.Equal(t.ToArray<float>(), v.ToArray<float>());
    }

    [Fact]
    public void SliceSelectNarrow_PickExpectedElements()
    {
        var x = Iota(3, 5);
        Assert.Equal(new float[] { 6, 8 }, x.Select(0, 1).Slice(0, 1, 5, 2).ToArray<float>());
        Assert.Equal(new float[] { 10, 11, 12, 13, 14 }, x[-1].ToArray<float>());
        Assert.Equal(new float[] { 3, 4, 8, 9, 13, 14 }, x.Slice(1, -2, 5).ToArray<float>());
        Assert.Equal(new Shape(3, 0), x.Narrow(1, 5, 0).Shape);
    }

    [Fact]
    public void ExpandSqueezeUnsqueeze_AreViews()
    {
        var x = Iota(3);
        var e = x.Unsqueeze(0).Expand(2, 3);
        Assert.Equal(0, e.Layout.Strides[0]);
        Assert.Equal(new float[] { 0, 1, 2, 0, 1, 2 }, e.ToArray<float>());
        Assert.Equal(new Shape(3), x.Unsqueeze(1).Squeeze(1).Shape);
        Assert.Equal(new Shape(3), Iota(1, 3, 1).Squeeze().Shape);
        Assert.Equal(new Shape(2, 12), Iota(2, 3, 4).Flatten(1).Shape);
        Assert.Equal(new Shape(2, 3, 4), Iota(2, 3, 4).Permute(2, 0, 1).Permute(1, 2, 0).Shape);
    }

    [Fact]
    public void BadViewArguments_NameValueAndRange()
    {
        var x = Iota(2, 3);
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => x.Select(1, 3));
        Assert.Contains("index 3", e1.Message);
        Assert.Contains("-3..2", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => x.Reshape(4, 2));
        Assert.Contains("[2, 3]", e2.Message);
        Assert.Contains("[4, 2]", e2.Message);
        Assert.Throws<ArgumentException>(() => x.Expand(3, 3));
        Assert.Throws<ArgumentException>(() => x.Permute(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 2, 2));
    }
}
