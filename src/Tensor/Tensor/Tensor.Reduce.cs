using Scratch.Backends;

namespace Scratch;

public sealed partial class Tensor
{
    private Tensor Reduce(ReduceOp op, int[]? axes, bool keepDim)
    {
        var name = OpNames.Of(op);
        RequireFloat(name);
        var normalized = NormalizeAxes(axes, name);
        if (op is ReduceOp.Max or ReduceOp.Min && HasEmptyAxis(normalized))
        {
            throw new ArgumentException($"{name}: cannot reduce an empty axis (shape {Shape}, axes [{string.Join(", ", normalized)}])");
        }
        var storage = Backend.Reduce(op, Storage, Layout, normalized);
        if (!keepDim)
        {
            // The result is contiguous: without its size-1 axes it holds the same elements in the same order.
            return WithStorage(storage, Shape.Owned(DropAxes(normalized)));
        }
        var kept = Shape.ToArray();
        foreach (var a in normalized)
        {
            kept[a] = 1;
        }
        return WithStorage(storage, Shape.Owned(kept));
    }

    /// <summary>Σ over the given axes (all axes when none are given).</summary>
    public Tensor Sum(int[]? axes = null, bool keepDim = false) => Reduce(ReduceOp.Sum, axes, keepDim);
    /// <summary>Σ over one axis.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => Reduce(ReduceOp.Sum, [axis], keepDim);
    /// <summary>Mean over the given axes (all axes when none are given).</summary>
    public Tensor Mean(int[]? axes = null, bool keepDim = false) => Reduce(ReduceOp.Mean, axes, keepDim);
    /// <summary>Mean over one axis.</summary>
    public Tensor Mean(int axis, bool keepDim = false) => Reduce(ReduceOp.Mean, [axis], keepDim);
    /// <summary>Maximum over the given axes (all when none); NaN propagates.</summary>
    public Tensor Max(int[]? axes = null, bool keepDim = false) => Reduce(ReduceOp.Max, axes, keepDim);
    /// <summary>Maximum over one axis.</summary>
    public Tensor Max(int axis, bool keepDim = false) => Reduce(ReduceOp.Max, [axis], keepDim);
    /// <summary>Minimum over the given axes (all when none); NaN propagates.</summary>
    public Tensor Min(int[]? axes = null, bool keepDim = false) => Reduce(ReduceOp.Min, axes, keepDim);
    /// <summary>Minimum over one axis.</summary>
    public Tensor Min(int axis, bool keepDim = false) => Reduce(ReduceOp.Min, [axis], keepDim);
    /// <summary>log Σ eˣ over the given axes, computed stably.</summary>
    public Tensor LogSumExp(int[]? axes = null, bool keepDim = false) => Reduce(ReduceOp.LogSumExp, axes, keepDim);
    /// <summary>log Σ eˣ over one axis.</summary>
    public Tensor LogSumExp(int axis, bool keepDim = false) => Reduce(ReduceOp.LogSumExp, [axis], keepDim);

    /// <summary>The p-norm over the given axes: p = 1 (Σ|x|), 2 (√Σx²) or ∞ (max |x|).</summary>
    /// <exception cref="ArgumentException">p is not 1, 2 or ∞.</exception>
    public Tensor Norm(double p = 2, int[]? axes = null, bool keepDim = false) => p switch
    {
        1 => Abs().Sum(axes, keepDim),
        2 => Square().Sum(axes, keepDim).Sqrt(),
        double.PositiveInfinity => Abs().Max(axes, keepDim),
        _ => throw new ArgumentException($"norm: p = {p} is not supported; expected 1, 2 or infinity", nameof(p)),
    };

    /// <summary>The index of the first maximum along an axis, as int32.</summary>
    public Tensor ArgMax(int axis = -1, bool keepDim = false) => ArgReduce(ArgReduceOp.ArgMax, axis, keepDim);

    /// <summary>The index of the first minimum along an axis, as int32.</summary>
    public Tensor ArgMin(int axis = -1, bool keepDim = false) => ArgReduce(ArgReduceOp.ArgMin, axis, keepDim);

    private Tensor ArgReduce(ArgReduceOp op, int axis, bool keepDim)
    {
        var name = OpNames.Of(op);
        RequireFloat(name);
        var a = Shape.NormalizeAxis(axis, name);
        if (Shape[a] == 0)
        {
            throw new ArgumentException($"{name}: axis {axis} is empty (shape {Shape})", nameof(axis));
        }
        var storage = Backend.ArgReduce(op, Storage, Layout, a);
        if (!keepDim)
        {
            return WithStorage(storage, Shape.Owned(DropAxes([a])));
        }
        var kept = Shape.ToArray();
        kept[a] = 1;
        return WithStorage(storage, Shape.Owned(kept));
    }

    /// <summary>softmax along an axis: e^(xᵢ−m) / Σⱼ e^(xⱼ−m).</summary>
    public Tensor Softmax(int axis = -1) => SoftmaxCore(axis, log: false);

    /// <summary>log-softmax along an axis: xᵢ − m − log Σⱼ e^(xⱼ−m).</summary>
    public Tensor LogSoftmax(int axis = -1) => SoftmaxCore(axis, log: true);

    private Tensor SoftmaxCore(int axis, bool log)
    {
        var name = log ? "log_softmax" : "softmax";
        RequireFloat(name);
        var a = Shape.NormalizeAxis(axis, name);
        return WithStorage(Backend.Softmax(Storage, Layout, a, log), Shape);
    }

    /// <summary>
    /// Sums this tensor down to <paramref name="shape"/>, the inverse of broadcasting <paramref name="shape"/>
    /// up to this tensor's shape: leading extra axes and axes where the target has size 1 are summed.
    /// Autograd uses it to return each input the gradient of its own shape.
    /// </summary>
    public Tensor SumToShape(Shape shape)
    {
        if (shape == Shape)
        {
            return this;
        }
        if (Shape.Broadcast(shape, Shape, "sum_to_shape") != Shape)
        {
            throw new ArgumentException($"sum_to_shape: {shape} does not broadcast to {Shape}");
        }
        var lead = Rank - shape.Rank;
        var axes = Enumerable.Range(0, Rank).Where(i => i < lead || (shape[i - lead] == 1 && Shape[i] != 1)).ToArray();
        var summed = axes.Length == 0 ? this : Sum(axes, keepDim: true);
        return summed.Reshape(shape.ToArray());
    }

    // The axes made non-negative and sorted (all axes when null); loops rather than LINQ: every reduction calls this.
    private int[] NormalizeAxes(int[]? axes, string op)
    {
        if (axes is null)
        {
            var all = new int[Rank];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = i;
            }
            return all;
        }
        var normalized = new int[axes.Length];
        for (var i = 0; i < axes.Length; i++)
        {
            normalized[i] = Shape.NormalizeAxis(axes[i], op);
        }
        Array.Sort(normalized);
        for (var i = 1; i < normalized.Length; i++)
        {
            if (normalized[i] == normalized[i - 1])
            {
                throw new ArgumentException($"{op}: repeated axis in [{string.Join(", ", axes)}]", nameof(axes));
            }
        }
        return normalized;
    }

    private bool HasEmptyAxis(int[] axes)
    {
        foreach (var a in axes)
        {
            if (Shape[a] == 0)
            {
                return true;
            }
        }
        return false;
    }

    // The shape without the (normalized, distinct) reduced axes.
    private int[] DropAxes(int[] axes)
    {
        var dims = new int[Rank - axes.Length];
        for (int i = 0, k = 0; i < Rank; i++)
        {
            if (Array.IndexOf(axes, i) < 0)
            {
                dims[k++] = Shape.AsSpan()[i];
            }
        }
        return dims;
    }
}
