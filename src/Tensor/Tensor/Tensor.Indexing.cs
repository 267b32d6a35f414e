namespace Scratch;

public sealed partial class Tensor
{
    /// <summary>
    /// out[i][j] = x[i][index[i][j]] for axis 1 (in general the index replaces the coordinate along
    /// <paramref name="axis"/>). The int32 index has the input's shape except along the axis; it is the
    /// output's shape. Picking each example's logit of its label is Gather(1, labels.Unsqueeze(1)).
    /// </summary>
    public Tensor Gather(int axis, Tensor index)
    {
        RequireSameDevice("gather", this, index);
        index.RequireInt("gather", nameof(index));
        var a = Shape.NormalizeAxis(axis, "gather");
        RequireSameExceptAxis("gather", index.Shape, a);
        return WithStorage(Backend.Gather(Storage, Layout, a, index.Storage, index.Layout), index.Shape);
    }

    /// <summary>
    /// A zero tensor of <paramref name="shape"/> with source[i][j] added at [i][index[i][j]] (axis 1);
    /// repeated indices accumulate. The adjoint of <see cref="Gather"/>.
    /// </summary>
    public static Tensor ScatterAdd(Shape shape, int axis, Tensor index, Tensor source)
    {
        RequireSameDevice("scatter_add", index, source);
        index.RequireInt("scatter_add", nameof(index));
        source.RequireFloat("scatter_add");
        var a = Shape.NormalizeAxis(axis, shape.Rank, "scatter_add");
        if (index.Shape != source.Shape)
        {
            throw new ArgumentException($"scatter_add: index shape {index.Shape} differs from source shape {source.Shape}");
        }
        var probe = new Tensor(source.Storage, Layout.Contiguous(shape), source.Device);
        probe.RequireSameExceptAxis("scatter_add", index.Shape, a);
        return source.WithStorage(source.Backend.ScatterAdd(shape, a, index.Storage, index.Layout, source.Storage, source.Layout), shape);
    }

    /// <summary>One-hot rows: shape [..., classes] with 1 at each label, in a float dtype.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label lies outside 0..classes−1.</exception>
    public static Tensor OneHot(Tensor labels, int classes, DType dtype = DType.Float32)
    {
        labels.RequireInt("one_hot", nameof(labels));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (!dtype.IsFloatingPoint())
        {
            throw new ArgumentException($"one_hot: dtype {dtype.Name()} is not supported; expected float32 or float64", nameof(dtype));
        }
        return labels.WithStorage(labels.Backend.OneHot(labels.Storage, labels.Layout, classes, dtype), new Shape([.. labels.Shape, classes]));
    }

    /// <summary>Joins tensors along an existing axis; all other sizes must agree.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("concat: expected at least one tensor", nameof(tensors));
        }
        var first = tensors[0];
        var a = first.Shape.NormalizeAxis(axis, "concat");
        var total = 0;
        foreach (var t in tensors)
        {
            RequireSameDevice("concat", first, t);
            RequireSameDType("concat", first, t);
            if (t.Rank != first.Rank)
            {
                throw new ArgumentException($"concat: shapes {first.Shape} and {t.Shape} have different ranks");
            }
            first.RequireSameExceptAxis("concat", t.Shape, a);
            if (t.Shape[a] > int.MaxValue - total)
            {
                throw new ArgumentException($"concat: the parts' lengths along axis {a} add up to more than {int.MaxValue}, the largest dimension a tensor can have", nameof(tensors));
            }
            total += t.Shape[a];
        }
        var dims = first.Shape.ToArray();
        dims[a] = total;
        var parts = tensors.Select(t => (t.Storage, t.Layout)).ToList();
        return first.WithStorage(first.Backend.Concat(parts, a, new Shape(dims)), new Shape(dims));
    }

    /// <summary>Joins equally shaped tensors along a new axis.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("stack: expected at least one tensor", nameof(tensors));
        }
        foreach (var t in tensors)
        {
            if (t.Shape != tensors[0].Shape)
            {
                throw new ArgumentException($"stack: shapes {tensors[0].Shape} and {t.Shape} differ");
            }
        }
        var a = Shape.NormalizeAxis(axis, tensors[0].Rank + 1, "stack");
        return Concat(tensors.Select(t => t.Unsqueeze(a)).ToList(), a);
    }

    private void RequireSameExceptAxis(string op, Shape other, int axis)
    {
        if (other.Rank != Rank)
        {
            throw new ArgumentException($"{op}: shapes {Shape} and {other} have different ranks");
        }
        for (var i = 0; i < Rank; i++)
        {
            if (i != axis && other[i] != Shape[i])
            {
                throw new ArgumentException($"{op}: shapes {Shape} and {other} differ at dimension {i} ({Shape[i]} vs {other[i]}); only axis {axis} may differ");
            }
        }
    }
}
