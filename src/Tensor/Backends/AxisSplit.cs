namespace Scratch.Backends;

/// <summary>
/// A layout split into kept (outer) axes and reduced (inner) axes: the view permuted so that the
/// reduced axes come last, the storage offset of each outer position, and whether the reduced block
/// is contiguous so that a reduction can read it in place.
/// </summary>
internal sealed class AxisSplit
{
    private readonly int[] _outerDims;
    private readonly int[] _outerStrides;
    private readonly int _offset;

    private AxisSplit(Layout permuted, int[] outerDims, int[] outerStrides, int innerCount, bool innerIsContiguous, bool reducesLeading)
    {
        Permuted = permuted;
        _outerDims = outerDims;
        _outerStrides = outerStrides;
        _offset = permuted.Offset;
        InnerCount = innerCount;
        InnerIsContiguous = innerIsContiguous;
        ReducesLeadingAxes = reducesLeading;
        OuterCount = outerDims.Aggregate(1, (p, d) => p * d);
    }

    /// <summary>The view with kept axes first, reduced axes last.</summary>
    public Layout Permuted { get; }

    /// <summary>Number of outer positions (the output's element count).</summary>
    public int OuterCount { get; }

    /// <summary>Number of elements reduced per outer position.</summary>
    public int InnerCount { get; }

    /// <summary>Whether the reduced block of each outer position is one contiguous run of storage.</summary>
    public bool InnerIsContiguous { get; }

    /// <summary>Whether the reduced axes are exactly 0..k−1 (the kept axes trail).</summary>
    public bool ReducesLeadingAxes { get; }

    /// <summary>Splits <paramref name="layout"/> at the sorted, distinct <paramref name="axes"/>.</summary>
    public static AxisSplit Of(Layout layout, int[] axes)
    {
        var reduced = new bool[layout.Rank];
        foreach (var a in axes)
        {
            reduced[a] = true;
        }
        var kept = Enumerable.Range(0, layout.Rank).Where(a => !reduced[a]).ToArray();
        var permuted = layout.Permute(kept.Concat(axes).ToArray());
        var innerDims = axes.Select(a => layout.Shape[a]).ToArray();
        var innerStrides = axes.Select(a => layout.Strides[a]).ToArray();
        var innerIsContiguous = new Layout(new Shape(innerDims), innerStrides, 0).IsContiguous;
        var leading = axes.Length > 0 && axes.Select((a, i) => a == i).All(b => b);
        return new AxisSplit(
            permuted,
            kept.Select(a => layout.Shape[a]).ToArray(),
            kept.Select(a => layout.Strides[a]).ToArray(),
            innerDims.Aggregate(1, (p, d) => p * d),
            innerIsContiguous,
            leading);
    }

    /// <summary>The storage offset of the first reduced element at outer position <paramref name="outer"/>.</summary>
    public int OuterOffset(int outer)
    {
        var at = _offset;
        for (var d = _outerDims.Length - 1; d >= 0 && outer > 0; d--)
        {
            at += outer % _outerDims[d] * _outerStrides[d];
            outer /= _outerDims[d];
        }
        return at;
    }
}
