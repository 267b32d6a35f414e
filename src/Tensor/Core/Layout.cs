namespace Scratch;

/// <summary>
/// How a tensor's elements sit in its storage: shape, strides (in elements, 0 for a broadcast
/// dimension) and the offset of the first element. Every view op is a function from layout to
/// layout; none touches the data.
/// </summary>
public sealed class Layout
{
    private readonly int[] _strides;

    /// <summary>Creates a layout; strides must be non-negative and have one entry per dimension.</summary>
    public Layout(Shape shape, ReadOnlySpan<int> strides, int offset)
    {
        if (strides.Length != shape.Rank)
        {
            throw new ArgumentException($"layout: {strides.Length} strides for shape {shape} of rank {shape.Rank}", nameof(strides));
        }
        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "layout: offset must be >= 0");
        }
        foreach (var s in strides)
        {
            if (s < 0)
            {
                throw new ArgumentException($"layout: negative stride {s} in [{string.Join(", ", strides.ToArray())}]", nameof(strides));
            }
        }
        Shape = shape;
        _strides = strides.ToArray();
        Offset = offset;
    }

    // A layout over strides computed from a valid layout (non-negative, one per dimension), kept without a copy:
    // the caller hands the array over and never writes into it again.
    private Layout(Shape shape, int[] strides, int offset, bool trusted)
    {
        Shape = shape;
        _strides = strides;
        Offset = offset;
    }

    internal static Layout Trusted(Shape shape, int[] strides, int offset) => new(shape, strides, offset, trusted: true);

    /// <summary>The contiguous row-major layout of a shape at offset 0.</summary>
    public static Layout Contiguous(Shape shape) => shape.ContiguousLayout;

    /// <summary>The sizes.</summary>
    public Shape Shape { get; }

    /// <summary>Element strides per dimension.</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>Storage index of the first element.</summary>
    public int Offset { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Number of elements.</summary>
    public int ElementCount => Shape.ElementCount;

    /// <summary>Whether the elements are stored row-major without gaps (size-1 dimensions may have any stride).</summary>
    public bool IsContiguous => IsRowMajor(Shape.AsSpan(), _strides);

    /// <summary>Whether sizes <paramref name="dims"/> with <paramref name="strides"/> are row-major without gaps (size-1 dimensions may have any stride).</summary>
    internal static bool IsRowMajor(ReadOnlySpan<int> dims, ReadOnlySpan<int> strides)
    {
        var expected = 1;
        for (var i = dims.Length - 1; i >= 0; i--)
        {
            if (dims[i] != 1 && strides[i] != expected)
            {
                return false;
            }
            expected *= dims[i];
        }
        return true;
    }

    /// <summary>One past the largest storage index this layout reaches (Offset when empty).</summary>
    public int StorageExtent()
    {
        if (ElementCount == 0)
        {
            return Offset;
        }
        long last = Offset;
        var dims = Shape.AsSpan();
        for (var i = 0; i < dims.Length; i++)
        {
            last += (long)(dims[i] - 1) * _strides[i];
        }
        return (int)(last + 1);
    }

    /// <summary>Storage index of the element at a multi-index.</summary>
    public int IndexOf(ReadOnlySpan<int> index)
    {
        var at = Offset;
        for (var i = 0; i < index.Length; i++)
        {
            at += index[i] * _strides[i];
        }
        return at;
    }

    /// <summary>Swaps two dimensions.</summary>
    public Layout Transpose(int dim0, int dim1)
    {
        var a = Shape.NormalizeAxis(dim0, "transpose");
        var b = Shape.NormalizeAxis(dim1, "transpose");
        var dims = Shape.ToArray();
        var strides = (int[])_strides.Clone();
        (dims[a], dims[b]) = (dims[b], dims[a]);
        (strides[a], strides[b]) = (strides[b], strides[a]);
        return Trusted(Shape.Owned(dims), strides, Offset);
    }

    /// <summary>Reorders dimensions: result dimension i is input dimension perm[i].</summary>
    public Layout Permute(ReadOnlySpan<int> perm)
    {
        if (perm.Length != Rank)
        {
            throw new ArgumentException($"permute: {perm.Length} axes given for a tensor of rank {Rank} (shape {Shape})", nameof(perm));
        }
        // On the stack for any realistic rank; a rank in the hundreds (all sizes 1) takes the heap instead of overflowing it.
        Span<bool> seen = Rank <= 256 ? stackalloc bool[Rank] : new bool[Rank];
        var dims = new int[Rank];
        var strides = new int[Rank];
        for (var i = 0; i < Rank; i++)
        {
            var p = Shape.NormalizeAxis(perm[i], "permute");
            if (seen[p])
            {
                throw new ArgumentException($"permute: axis {perm[i]} repeated in [{string.Join(", ", perm.ToArray())}]", nameof(perm));
            }
            seen[p] = true;
            dims[i] = Shape[p];
            strides[i] = _strides[p];
        }
        return Trusted(Shape.Owned(dims), strides, Offset);
    }

    /// <summary>The sub-range [start, start+length) of one dimension.</summary>
    public Layout Narrow(int axis, int start, int length)
    {
        var a = Shape.NormalizeAxis(axis, "narrow");
        if (start < 0 || length < 0 || start + length > Shape[a])
        {
            throw new ArgumentOutOfRangeException(nameof(start), start,
                $"narrow: range [{start}, {start + length}) is outside 0..{Shape[a]} of axis {axis} (shape {Shape})");
        }
        var dims = Shape.ToArray();
        dims[a] = length;
        return Trusted(Shape.Owned(dims), _strides, Offset + (length == 0 ? 0 : start * _strides[a]));
    }

    /// <summary>Every step-th index of [start, end) along one dimension.</summary>
    public Layout Slice(int axis, int start, int end, int step)
    {
        var a = Shape.NormalizeAxis(axis, "slice");
        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "slice: step must be >= 1");
        }
        var size = Shape[a];
        if (start < 0) start += size;
        if (end < 0) end += size;
        if (start < 0 || start > size || end < start || end > size)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start,
                $"slice: range [{start}, {end}) is outside 0..{size} of axis {axis} (shape {Shape})");
        }
        var length = (end - start + step - 1) / step;
        var dims = Shape.ToArray();
        dims[a] = length;
        var strides = (int[])_strides.Clone();
        strides[a] *= step;
        return Trusted(Shape.Owned(dims), strides, Offset + (length == 0 ? 0 : start * _strides[a]));
    }

    /// <summary>Fixes one dimension at an index and removes it.</summary>
    public Layout Select(int axis, int index)
    {
        var a = Shape.NormalizeAxis(axis, "select");
        var size = Shape[a];
        var i = index < 0 ? index + size : index;
        if (i < 0 || i >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"select: index {index} is out of range for axis {axis} of size {size}; expected {-size}..{size - 1}");
        }
        var dims = new int[Rank - 1];
        var strides = new int[Rank - 1];
        for (int from = 0, to = 0; from < Rank; from++)
        {
            if (from != a)
            {
                dims[to] = Shape.AsSpan()[from];
                strides[to++] = _strides[from];
            }
        }
        return Trusted(Shape.Owned(dims), strides, Offset + i * _strides[a]);
    }

    /// <summary>Broadcasts to a larger shape (NumPy rules): new or size-1 dimensions get stride 0.</summary>
    public Layout BroadcastTo(Shape target, string op = "broadcast_to")
    {
        if (target.Rank < Rank)
        {
            throw new ArgumentException($"{op}: cannot broadcast shape {Shape} to {target} of lower rank");
        }
        if (target.Equals(Shape))
        {
            return this;
        }
        var strides = new int[target.Rank];
        var lead = target.Rank - Rank;
        for (var i = 0; i < target.Rank; i++)
        {
            if (i < lead)
            {
                strides[i] = 0;
                continue;
            }
            var d = Shape.AsSpan()[i - lead];
            if (d == target.AsSpan()[i])
            {
                strides[i] = _strides[i - lead];
            }
            else if (d == 1)
            {
                strides[i] = 0;
            }
            else
            {
                throw new ArgumentException($"{op}: cannot broadcast shape {Shape} to {target} (dimension {i}: {d} vs {target[i]})");
            }
        }
        return Trusted(target, strides, Offset);
    }

    /// <summary>Inserts a size-1 dimension at <paramref name="axis"/> (0..Rank).</summary>
    public Layout Unsqueeze(int axis)
    {
        var a = Shape.NormalizeAxis(axis, Rank + 1, "unsqueeze");
        var dims = new int[Rank + 1];
        var strides = new int[Rank + 1];
        for (int to = 0, from = 0; to <= Rank; to++)
        {
            if (to == a)
            {
                dims[to] = 1;
                strides[to] = a < Rank ? _strides[a] * Shape.AsSpan()[a] : 1;
                continue;
            }
            dims[to] = Shape.AsSpan()[from];
            strides[to] = _strides[from++];
        }
        return Trusted(Shape.Owned(dims), strides, Offset);
    }

    /// <summary>Removes one size-1 dimension.</summary>
    public Layout Squeeze(int axis)
    {
        var a = Shape.NormalizeAxis(axis, "squeeze");
        if (Shape[a] != 1)
        {
            throw new ArgumentException($"squeeze: axis {axis} has size {Shape[a]}, expected 1 (shape {Shape})", nameof(axis));
        }
        return Select(a, 0);
    }

    /// <summary>
    /// The same elements under a new shape without copying, or null when the strides do not allow it
    /// (each group of merged dimensions must be stored with compatible strides, as in NumPy).
    /// </summary>
    public Layout? TryReshape(Shape target)
    {
        if (target.ElementCount != ElementCount)
        {
            throw new ArgumentException($"reshape: cannot reshape {Shape} ({ElementCount} elements) to {target} ({target.ElementCount} elements)");
        }
        if (IsContiguous || ElementCount == 0)
        {
            return Offset == 0 ? target.ContiguousLayout : Trusted(target, target.SharedContiguousStrides, Offset);
        }
        // Drop size-1 dimensions, then group old and new dimensions whose products match; within a
        // group the old dimensions must be mutually contiguous, and the new strides follow from the
        // group's innermost stride (NumPy's rule).
        var oldDims = new List<int>();
        var oldStrides = new List<int>();
        for (var i = 0; i < Rank; i++)
        {
            if (Shape[i] != 1)
            {
                oldDims.Add(Shape[i]);
                oldStrides.Add(_strides[i]);
            }
        }
        var newStrides = new int[target.Rank];
        int oi = 0, ni = 0;
        while (ni < target.Rank)
        {
            if (target[ni] == 1)
            {
                newStrides[ni++] = 1;
                continue;
            }
            int oStart = oi, nStart = ni;
            long oProd = oldDims[oi++], nProd = target[ni++];
            while (oProd != nProd)
            {
                if (oProd < nProd) oProd *= oldDims[oi++];
                else nProd *= target[ni++];
            }
            for (var k = oStart; k < oi - 1; k++)
            {
                if (oldStrides[k] != oldStrides[k + 1] * oldDims[k + 1])
                {
                    return null;
                }
            }
            var stride = oldStrides[oi - 1];
            for (var k = ni - 1; k >= nStart; k--)
            {
                newStrides[k] = stride;
                stride *= target[k];
            }
        }
        return Trusted(target, newStrides, Offset);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Layout(shape={Shape}, strides=[{string.Join(", ", _strides)}], offset={Offset})";
}
