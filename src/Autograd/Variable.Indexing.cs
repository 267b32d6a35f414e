namespace Scratch.Autograd;

public sealed partial class Variable
{
    // y = gather(x, axis, index) reads x at the indexed positions; its adjoint scatter-adds g back to
    // them (a position read twice receives both gradients).
    /// <summary>
    /// out[i][j] = x[i][index[i][j]] for axis 1 (see <see cref="Tensor.Gather"/>); picking each example's
    /// log-probability of its label is <c>logProbs.Gather(1, labels.Unsqueeze(1))</c>. The int32 index is not differentiable.
    /// </summary>
    public Variable Gather(int axis, Tensor index)
    {
        var inputShape = Shape;
        return Record($"gather[{axis}]", Data.Gather(axis, index), [this], [g => Tensor.ScatterAdd(inputShape, axis, index, g)]);
    }

    // Each input of a concatenation owns a block of the output: its gradient is that block of g.
    /// <summary>Joins variables along an existing axis; all other sizes must agree.</summary>
    public static Variable Concat(IReadOnlyList<Variable> parts, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var y = Tensor.Concat(parts.Select(p => p.Data).ToList(), axis);
        var a = y.Shape.NormalizeAxis(axis, "concat");
        var backward = new Func<Tensor, Tensor>[parts.Count];
        var start = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var (from, length) = (start, parts[i].Shape[a]);
            backward[i] = g => g.Narrow(a, from, length);
            start += length;
        }
        return Record($"concat[{axis}]", y, parts, backward);
    }

    // Each input of a stack is one slice of the output along the new axis: its gradient is that slice of g.
    /// <summary>Joins equally shaped variables along a new axis.</summary>
    public static Variable Stack(IReadOnlyList<Variable> parts, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var y = Tensor.Stack(parts.Select(p => p.Data).ToList(), axis);
        var a = y.Shape.NormalizeAxis(axis, "stack");
        var backward = Enumerable.Range(0, parts.Count).Select(i => (Func<Tensor, Tensor>)(g => g.Select(a, i))).ToArray();
        return Record($"stack[{axis}]", y, parts, backward);
    }
}
