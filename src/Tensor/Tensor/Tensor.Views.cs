namespace Scratch;

public sealed partial class Tensor
{
    private Tensor View(Layout layout) => new(Storage, layout, Device);

    /// <summary>The same elements under a new shape; one size may be −1 (inferred). A view when the strides allow, else a copy.</summary>
    public Tensor Reshape(params int[] shape) => Reshape(InferShape(shape, "reshape"));

    /// <summary>
    /// The same elements under <paramref name="shape"/> (a view when the strides allow it, else a contiguous copy); this
    /// tensor itself when the shape is its own. A shape object kept from another tensor brings its cached contiguous
    /// layout with it, so nothing but the view is allocated (autograd reshapes every gradient back this way).
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public Tensor Reshape(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape == Shape)
        {
            return this;
        }
        return Layout.TryReshape(shape) is { } layout ? View(layout) : Contiguous().View(Layout.Contiguous(shape));
    }

    /// <summary>Like <see cref="Reshape(int[])"/> but never copies.</summary>
    /// <exception cref="InvalidOperationException">The strides do not allow the new shape without a copy.</exception>
    public Tensor View(params int[] shape)
    {
        var target = InferShape(shape, "view");
        if (ReferenceEquals(target, Shape))
        {
            return this;
        }
        return Layout.TryReshape(target) is { } layout
            ? View(layout)
            : throw new InvalidOperationException($"view: a tensor with {Layout} cannot be viewed as {target} without a copy; use Reshape");
    }

    /// <summary>Merges dimensions start..end (inclusive) into one.</summary>
    public Tensor Flatten(int start = 0, int end = -1)
    {
        if (Rank == 0)
        {
            return Reshape(1);
        }
        var s = Shape.NormalizeAxis(start, "flatten");
        var e = Shape.NormalizeAxis(end, "flatten");
        if (s > e)
        {
            throw new ArgumentException($"flatten: start axis {start} comes after end axis {end} (shape {Shape})");
        }
        if (s == e)
        {
            return this;
        }
        var sizes = Shape.AsSpan();
        var dims = new int[Rank - (e - s)];
        sizes[..s].CopyTo(dims);
        var merged = 1;
        for (var i = s; i <= e; i++) merged *= sizes[i];
        dims[s] = merged;
        sizes[(e + 1)..].CopyTo(dims.AsSpan(s + 1));
        return Reshape(Shape.Owned(dims));
    }

    /// <summary>Swaps two dimensions (a view).</summary>
    public Tensor Transpose(int dim0, int dim1) => View(Layout.Transpose(dim0, dim1));

    /// <summary>The transpose of the last two dimensions (a view).</summary>
    public Tensor MT => Rank < 2
        ? throw new InvalidOperationException($"MT: expected rank >= 2, got shape {Shape}")
        : Transpose(-2, -1);

    /// <summary>Reorders dimensions: result dimension i is dimension perm[i] (a view).</summary>
    public Tensor Permute(params int[] perm) => View(Layout.Permute(perm));

    /// <summary>Elements start..start+length−1 along an axis (a view).</summary>
    public Tensor Narrow(int axis, int start, int length) => View(Layout.Narrow(axis, start, length));

    /// <summary>Every step-th element of [start, end) along an axis; negative bounds count from the end (a view).</summary>
    public Tensor Slice(int axis, int start, int end, int step = 1) => View(Layout.Slice(axis, start, end, step));

    /// <summary>Fixes one axis at an index and removes it (a view).</summary>
    public Tensor Select(int axis, int index) => View(Layout.Select(axis, index));

    /// <summary>The sub-tensor at an index of the first axis (a view).</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[int index] => Select(0, index);

    /// <summary>Broadcasts to a shape with NumPy rules (a view; broadcast dimensions have stride 0).</summary>
    public Tensor Expand(params int[] shape) => BroadcastTo(new Shape(shape));

    /// <summary>Broadcasts to a shape with NumPy rules (a view).</summary>
    public Tensor BroadcastTo(Shape shape) => shape == Shape ? this : View(Layout.BroadcastTo(shape));

    /// <summary>Inserts a size-1 dimension (a view).</summary>
    public Tensor Unsqueeze(int axis) => View(Layout.Unsqueeze(axis));

    /// <summary>Removes a size-1 dimension (a view).</summary>
    public Tensor Squeeze(int axis) => View(Layout.Squeeze(axis));

    /// <summary>Removes every size-1 dimension (a view).</summary>
    public Tensor Squeeze()
    {
        var t = this;
        for (var i = Rank - 1; i >= 0; i--)
        {
            if (Shape[i] == 1)
            {
                t = t.Squeeze(i);
            }
        }
        return t;
    }

    // Whether shape, with entry `inferred` (if ≥ 0) read as inferredSize, lists exactly this tensor's dimensions.
    private bool SameDims(int[] shape, int inferred, int inferredSize)
    {
        var dims = Shape.AsSpan();
        if (shape.Length != dims.Length)
        {
            return false;
        }
        for (var i = 0; i < dims.Length; i++)
        {
            if ((i == inferred ? inferredSize : shape[i]) != dims[i])
            {
                return false;
            }
        }
        return true;
    }

    private Shape InferShape(int[] shape, string op)
    {
        var inferred = -1;
        var known = 1L;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException($"{op}: more than one -1 in [{string.Join(", ", shape)}]", nameof(shape));
                }
                inferred = i;
            }
            else if (shape[i] < 0)
            {
                throw new ArgumentException($"{op}: size {shape[i]} at dimension {i} is negative; expected >= 0 or -1", nameof(shape));
            }
            else
            {
                known *= shape[i];
            }
        }
        var inferredSize = 0;
        if (inferred >= 0)
        {
            if (known == 0 || ElementCount % known != 0)
            {
                throw new ArgumentException($"{op}: cannot infer -1 in [{string.Join(", ", shape)}] for {ElementCount} elements (shape {Shape})", nameof(shape));
            }
            inferredSize = (int)(ElementCount / known);
        }
        if (SameDims(shape, inferred, inferredSize))
        {
            // The shape asked for is this tensor's own: the same Shape object, so a reshape to it is this tensor.
            return Shape;
        }
        var dims = (int[])shape.Clone();
        if (inferred >= 0)
        {
            dims[inferred] = inferredSize;
        }
        var target = Shape.Owned(dims);
        if (target.ElementCount != ElementCount)
        {
            throw new ArgumentException($"{op}: cannot reshape {Shape} ({ElementCount} elements) to {target} ({target.ElementCount} elements)", nameof(shape));
        }
        return target;
    }
}
