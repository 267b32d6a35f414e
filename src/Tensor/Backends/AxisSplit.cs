namespace Scratch.Backends;

/// <summary>
/// A layout split into kept (outer) axes and reduced (inner) axes: the view permuted so that the
/// reduced axes come last, the storage offset of each outer position, and whether the reduced block
/// is contiguous so that a reduction can read it in place.
/// </summary>
internal sealed class AxisSplit
{
    private readonly Layout _layout;
    private readonly int[] _order;
    private readonly int[] _outerDims;
    private readonly int[] _outerStrides;
    private readonly int _offset;
    private readonly bool _consecutive;
    private Layout? _permuted;

    private AxisSplit(Layout layout, int[] order, int[] outerDims, int[] outerStrides, int innerCount, bool innerIsContiguous, bool reducesLeading)
    {
        _layout = layout;
        _order = order;
        _outerDims = outerDims;
        _outerStrides = outerStrides;
        _offset = layout.Offset;
        InnerCount = innerCount;
        InnerIsContiguous = innerIsContiguous;
        ReducesLeadingAxes = reducesLeading;
        var outerCount = 1;
        foreach (var d in outerDims)
        {
            outerCount *= d;
        }
        OuterCount = outerCount;
        // Outer positions one reduced block apart, in order (a contiguous tensor reduced over its trailing axes).
        _consecutive = innerIsContiguous;
        for (int d = outerDims.Length - 1, step = innerCount; d >= 0 && _consecutive; d--)
        {
            _consecutive = outerDims[d] == 1 || outerStrides[d] == step;
            step *= outerDims[d];
        }
    }

    /// <summary>The view with kept axes first, reduced axes last (made on first use: most reductions read in place).</summary>
    public Layout Permuted => _permuted ??= _layout.Permute(_order);

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
        int rank = layout.Rank, keptCount = rank - axes.Length;
        Span<bool> reduced = rank <= 256 ? stackalloc bool[rank] : new bool[rank];
        foreach (var a in axes)
        {
            reduced[a] = true;
        }
        // The kept axes in order, then the reduced ones in the order given (loops rather than LINQ: every reduction and its backward build one).
        var order = new int[rank];
        var outerDims = new int[keptCount];
        var outerStrides = new int[keptCount];
        for (int a = 0, k = 0; a < rank; a++)
        {
            if (!reduced[a])
            {
                (order[k], outerDims[k], outerStrides[k]) = (a, layout.Shape[a], layout.Strides[a]);
                k++;
            }
        }
        Span<int> innerDims = axes.Length <= 64 ? stackalloc int[axes.Length] : new int[axes.Length];
        Span<int> innerStrides = axes.Length <= 64 ? stackalloc int[axes.Length] : new int[axes.Length];
        int innerCount = 1;
        var leading = axes.Length > 0;
        for (var i = 0; i < axes.Length; i++)
        {
            (order[keptCount + i], innerDims[i], innerStrides[i]) = (axes[i], layout.Shape[axes[i]], layout.Strides[axes[i]]);
            innerCount *= innerDims[i];
            leading &= axes[i] == i;
        }
        return new AxisSplit(layout, order, outerDims, outerStrides, innerCount, Layout.IsRowMajor(innerDims, innerStrides), leading);
    }

    /// <summary>The storage offset of the first reduced element at outer position <paramref name="outer"/>.</summary>
    public int OuterOffset(int outer)
    {
        if (_consecutive)
        {
            return _offset + outer * InnerCount;
        }
        var at = _offset;
        for (var d = _outerDims.Length - 1; d >= 0 && outer > 0; d--)
        {
            at += outer % _outerDims[d] * _outerStrides[d];
            outer /= _outerDims[d];
        }
        return at;
    }
}
