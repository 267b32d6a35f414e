namespace Scratch.Autograd;

public sealed partial class Variable
{
    /// <summary>Records a view (or any op that only moves elements); <paramref name="backward"/> moves the gradient back.</summary>
    private Variable Movement(string op, Tensor y, Func<Tensor, Tensor> backward) => Record(op, y, [this], [backward]);

    // A reshape only renames positions: the gradient is reshaped back.
    /// <summary>The same elements under a new shape; one size may be −1.</summary>
    public Variable Reshape(params int[] shape)
    {
        var from = Shape;
        return Movement("reshape", Data.Reshape(shape), g => g.Reshape(from));
    }

    /// <summary>Merges dimensions start..end (inclusive) into one.</summary>
    public Variable Flatten(int start = 0, int end = -1)
    {
        var from = Shape;
        return Movement("flatten", Data.Flatten(start, end), g => g.Reshape(from));
    }

    // Swapping two axes is its own inverse.
    /// <summary>Swaps two dimensions.</summary>
    public Variable Transpose(int dim0, int dim1) => Movement($"transpose[{dim0}, {dim1}]", Data.Transpose(dim0, dim1), g => g.Transpose(dim0, dim1));

    /// <summary>The transpose of the last two dimensions.</summary>
    public Variable MT => Rank < 2
        ? throw new InvalidOperationException($"MT: expected rank >= 2, got shape {Shape}")
        : Transpose(-2, -1);

    // The gradient is permuted by the inverse permutation.
    /// <summary>Reorders dimensions: result dimension i is dimension perm[i].</summary>
    public Variable Permute(params int[] perm)
    {
        var y = Data.Permute(perm);
        var inverse = new int[perm.Length];
        for (var i = 0; i < perm.Length; i++)
        {
            inverse[Shape.NormalizeAxis(perm[i], "permute")] = i;
        }
        return Movement($"permute[{string.Join(", ", perm)}]", y, g => g.Permute(inverse));
    }

    // Broadcasting copies each element to many positions, so its gradient is the sum over them; that
    // sum is the central un-broadcast in GradStore, so the backward here passes g through unchanged.
    /// <summary>Broadcasts to a shape with NumPy rules.</summary>
    public Variable Expand(params int[] shape) => BroadcastTo(new Shape(shape));

    /// <summary>Broadcasts to a shape with NumPy rules.</summary>
    public Variable BroadcastTo(Shape shape) => Movement("expand", Data.BroadcastTo(shape), g => g);

    // Squeezing and unsqueezing only add or drop a size-1 axis: the gradient is reshaped back.
    /// <summary>Inserts a size-1 dimension.</summary>
    public Variable Unsqueeze(int axis)
    {
        var from = Shape;
        return Movement("unsqueeze", Data.Unsqueeze(axis), g => g.Reshape(from));
    }

    /// <summary>Removes a size-1 dimension.</summary>
    public Variable Squeeze(int axis)
    {
        var from = Shape;
        return Movement("squeeze", Data.Squeeze(axis), g => g.Reshape(from));
    }

    /// <summary>Removes every size-1 dimension.</summary>
    public Variable Squeeze()
    {
        var from = Shape;
        return Movement("squeeze", Data.Squeeze(), g => g.Reshape(from));
    }

    // Slicing picks positions: the gradient goes back to those positions and is zero elsewhere.
    /// <summary>Elements start..start+length−1 along an axis.</summary>
    public Variable Narrow(int axis, int start, int length) =>
        Picked($"narrow[{axis}, {start}, {length}]", axis, Data.Narrow(axis, start, length), positions => positions.Narrow(0, start, length));

    /// <summary>Every step-th element of [start, end) along an axis; negative bounds count from the end.</summary>
    public Variable Slice(int axis, int start, int end, int step = 1) =>
        Picked($"slice[{axis}, {start}:{end}:{step}]", axis, Data.Slice(axis, start, end, step), positions => positions.Slice(0, start, end, step));

    /// <summary>Fixes one axis at an index and removes it.</summary>
    public Variable Select(int axis, int index) =>
        Picked($"select[{axis}, {index}]", axis, Data.Select(axis, index), positions => positions.Select(0, index).Reshape(1), dropsAxis: true);

    /// <summary>
    /// Records y = x restricted to some positions along <paramref name="axis"/>; <paramref name="pick"/>
    /// applies the same restriction to the list 0..n−1, which yields the positions taken, and the
    /// backward scatters the gradient to them (ScatterAdd is the adjoint of taking positions).
    /// </summary>
    private Variable Picked(string op, int axis, Tensor y, Func<Tensor, Tensor> pick, bool dropsAxis = false)
    {
        var a = Shape.NormalizeAxis(axis, op);
        var (inputShape, device) = (Shape, Device);
        return Record(op, y, [this],
        [
            g =>
            {
                // The positions are built only when backward runs, so forward and no-grad code pay nothing for them.
                var positions = pick(Tensor.Arange(0, inputShape[a], dtype: DType.Int32, device: device));
                var kept = dropsAxis ? g.Unsqueeze(a) : g;
                return Tensor.ScatterAdd(inputShape, a, AlongAxis(positions, kept.Shape, a), kept);
            },
        ]);
    }

    /// <summary>A 1-D index laid along <paramref name="axis"/> and broadcast to <paramref name="shape"/> (no copy).</summary>
    private static Tensor AlongAxis(Tensor positions, Shape shape, int axis)
    {
        var dims = Enumerable.Repeat(1, shape.Rank).ToArray();
        dims[axis] = positions.ElementCount;
        return positions.Reshape(dims).BroadcastTo(shape);
    }
}
