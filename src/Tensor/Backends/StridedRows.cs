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
    private readonly int[][] _outerStrides;
    private readonly int[] _baseOffsets;

    private StridedRows(int rowLength, int[] innerStrides, int[] outerDims, int[][] outerStrides, int[] baseOffsets)
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
        var dims = new List<int>();
        var strides = new List<int[]>();
        for (var d = 0; d < shape.Rank; d++)
        {
            if (shape[d] == 1)
            {
                continue;
            }
            var s = new int[n];
            for (var k = 0; k < n; k++)
            {
                s[k] = layouts[k].Strides[d];
            }
            // Merge with the previous kept dimension when every layout steps over it contiguously.
            if (dims.Count > 0)
            {
                var prev = strides[^1];
                var mergeable = true;
                for (var k = 0; k < n && mergeable; k++)
                {
                    mergeable = prev[k] == s[k] * shape[d];
                }
                if (mergeable)
                {
                    dims[^1] *= shape[d];
                    strides[^1] = s;
                    continue;
                }
            }
            dims.Add(shape[d]);
            strides.Add(s);
        }
        var offsets = layouts.Select(l => l.Offset).ToArray();
        if (dims.Count == 0)
        {
            return new StridedRows(shape.ElementCount, new int[n], [], [], offsets);
        }
        var outerDims = dims.Take(dims.Count - 1).ToArray();
        var outerStrides = strides.Take(strides.Count - 1).ToArray();
        return new StridedRows(dims[^1], strides[^1], outerDims, outerStrides, offsets);
    }

    /// <summary>Writes the base offset of row <paramref name="row"/> for each layout.</summary>
    public void RowOffsets(int row, Span<int> offsets)
    {
        _baseOffsets.CopyTo(offsets);
        for (var d = _outerDims.Length - 1; d >= 0 && row > 0; d--)
        {
            var i = row % _outerDims[d];
            row /= _outerDims[d];
            var s = _outerStrides[d];
            for (var k = 0; k < offsets.Length; k++)
            {
                offsets[k] += i * s[k];
            }
        }
    }
}
