namespace Scratch.Backends;

/// <summary>
/// A walk over several layouts of one shape, row by row. Dimensions that are contiguous in every
/// layout are merged, size-1 dimensions dropped; what is left is a number of rows of equal length,
/// each with a base offset per layout and one inner stride per layout. A kernel then handles a row
/// with a fast contiguous call (inner stride 1), a scalar broadcast (inner stride 0), or a gather.
/// </summary>
internal sealed class StridedRows
{
    private readonly int[] _outerDims;
    // The strides of outer dimension d, one per layout, at [d·n, d·n + n) for n layouts.
    private readonly int[] _outerStrides;
    private readonly int[] _baseOffsets;

    private StridedRows(int rowLength, int[] innerStrides, int[] outerDims, int[] outerStrides, int[] baseOffsets)
    {
        RowLength = rowLength;
        InnerStrides = innerStrides;
        _outerDims = outerDims;
        _outerStrides = outerStrides;
        _baseOffsets = baseOffsets;
        var rows = 1;
        foreach (var d in outerDims)
        {
            rows *= d;
        }
        RowCount = rowLength == 0 ? 0 : rows;
    }

    /// <summary>Elements per row.</summary>
    public int RowLength { get; }

    /// <summary>Number of rows (0 for an empty shape).</summary>
    public int RowCount { get; }

    /// <summary>The stride along a row, per layout.</summary>
    public int[] InnerStrides { get; }

    /// <summary>Plans the walk; all layouts must share one shape.</summary>
    public static StridedRows Plan(params Layout[] layouts)
    {
        var shape = layouts[0].Shape;
        var n = layouts.Length;
        // Kept dimension j: its size in dims[j], its strides (one per layout) at strides[j·n ..].
        Span<int> dims = shape.Rank <= 64 ? stackalloc int[shape.Rank] : new int[shape.Rank];
        var strides = new int[shape.Rank * n];
        var kept = 0;
        for (var d = 0; d < shape.Rank; d++)
        {
            var size = shape.AsSpan()[d];
            if (size == 1)
            {
                continue;
            }
            // Merge with the previous kept dimension when every layout steps over it contiguously.
            var mergeable = kept > 0;
            for (var k = 0; k < n && mergeable; k++)
            {
                mergeable = strides[(kept - 1) * n + k] == layouts[k].Strides[d] * size;
            }
            if (mergeable)
            {
                dims[kept - 1] *= size;
            }
            else
            {
                dims[kept++] = size;
            }
            for (var k = 0; k < n; k++)
            {
                strides[(kept - 1) * n + k] = layouts[k].Strides[d];
            }
        }
        var offsets = new int[n];
        for (var k = 0; k < n; k++)
        {
            offsets[k] = layouts[k].Offset;
        }
        if (kept == 0)
        {
            return new StridedRows(shape.ElementCount, new int[n], [], [], offsets);
        }
        var inner = strides.AsSpan((kept - 1) * n, n).ToArray();
        return new StridedRows(dims[kept - 1], inner, dims[..(kept - 1)].ToArray(), strides, offsets);
    }

    /// <summary>Writes the base offset of row <paramref name="row"/> for each layout.</summary>
    public void RowOffsets(int row, Span<int> offsets)
    {
        _baseOffsets.CopyTo(offsets);
        var n = _baseOffsets.Length;
        for (var d = _outerDims.Length - 1; d >= 0 && row > 0; d--)
        {
            var i = row % _outerDims[d];
            row /= _outerDims[d];
            for (var k = 0; k < offsets.Length; k++)
            {
                offsets[k] += i * _outerStrides[d * n + k];
            }
        }
    }
}
