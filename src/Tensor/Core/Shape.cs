using System.Collections;
using System.Runtime.CompilerServices;

namespace Scratch;

/// <summary>An immutable list of dimension sizes, outermost first (row-major). Collection expressions build one: <c>Shape s = [2, 3];</c></summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public sealed partial class Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[] _dims;
    // Computed on first use and shared: Layout never writes into its strides, and every op's output asks for the
    // contiguous layout of its shape (a race computes the same values twice, harmlessly).
    private int[]? _contiguousStrides;
    private Layout? _contiguousLayout;

    /// <summary>Creates a shape; every size must be non-negative.</summary>
    /// <exception cref="ArgumentException">A size is negative, or the element count overflows an int.</exception>
    public Shape(params ReadOnlySpan<int> dims) : this(dims.ToArray())
    {
    }

    // Takes the array over: the caller made it for this shape and never writes into it again.
    private Shape(int[] dims)
    {
        _dims = dims;
        long count = 1;
        for (var i = 0; i < _dims.Length; i++)
        {
            if (_dims[i] < 0)
            {
                throw new ArgumentException($"dimension {i} of shape {Format(_dims)} is {_dims[i]}; sizes must be >= 0", nameof(dims));
            }
            count *= _dims[i];
            if (count > int.MaxValue)
            {
                throw new ArgumentException($"shape {Format(_dims)} has more than {int.MaxValue} elements", nameof(dims));
            }
        }
        ElementCount = (int)count;
    }

    /// <summary>Creates a shape from sizes (the collection-expression builder).</summary>
    public static Shape Create(ReadOnlySpan<int> dims) => new(dims);

    /// <summary>
    /// A shape of sizes <paramref name="dims"/>, which the caller made for it and hands over: the thread's recent shape of
    /// those sizes when there is one (<see cref="Recent"/>), else a new shape over the array without a copy.
    /// </summary>
    internal static Shape Owned(int[] dims) => Recent(dims);

    /// <summary>The shape of a scalar: rank 0, one element.</summary>
    public static Shape Scalar { get; } = new();

    /// <summary>The number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>The product of the sizes (1 for a scalar).</summary>
    public int ElementCount { get; }

    /// <inheritdoc/>
    public int Count => _dims.Length;

    /// <summary>The size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => _dims[NormalizeAxis(axis, "Shape[]")];

    /// <summary>A copy of the sizes.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <summary>The sizes as a span (no copy).</summary>
    public ReadOnlySpan<int> AsSpan() => _dims;

    /// <summary>Row-major strides (in elements) of a contiguous tensor of this shape.</summary>
    /// <summary>The row-major strides, computed once per shape and shared read-only.</summary>
    internal int[] SharedContiguousStrides => _contiguousStrides ??= ContiguousStrides();

    /// <summary>The row-major layout at offset 0, made once per shape and shared (layouts are immutable).</summary>
    internal Layout ContiguousLayout => _contiguousLayout ??= Layout.Trusted(this, SharedContiguousStrides, 0);

    public int[] ContiguousStrides()
    {
        var strides = new int[_dims.Length];
        var stride = 1;
        for (var i = _dims.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= Math.Max(_dims[i], 1);
        }
        return strides;
    }

    /// <summary>Maps a possibly negative axis to 0..Rank-1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside [-Rank, Rank-1]; the message names the op.</exception>
    public int NormalizeAxis(int axis, string op) => NormalizeAxis(axis, Rank, op);

    /// <summary>Maps a possibly negative axis to 0..rank-1 for a tensor of the given rank.</summary>
    public static int NormalizeAxis(int axis, int rank, string op)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"{op}: axis {axis} is out of range for a tensor of rank {rank}; expected {-rank}..{rank - 1}");
        }
        return a;
    }

    /// <summary>The NumPy broadcast of two shapes.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast; the message names the op and both shapes.</exception>
    public static Shape Broadcast(Shape a, Shape b, string op)
    {
        if (a.Equals(b))
        {
            return a;
        }
        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Rank ? 1 : a._dims[i - (rank - a.Rank)];
            var db = i < rank - b.Rank ? 1 : b._dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"{op}: shapes {a} and {b} do not broadcast (dimension {i} from the left of the result: {da} vs {db})");
            }
            dims[i] = da == 1 ? db : da;
        }
        return Owned(dims);
    }

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dims)
        {
            hash.Add(d);
        }
        return hash.ToHashCode();
    }

    /// <summary>Shape equality by value.</summary>
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Shape inequality by value.</summary>
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    /// <summary>Implicit conversion from an array of sizes.</summary>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _dims.GetEnumerator();

    /// <summary>Formats as [2, 3, 4].</summary>
    public override string ToString() => Format(_dims);

    private static string Format(int[] dims) => "[" + string.Join(", ", dims) + "]";
}
