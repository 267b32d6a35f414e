namespace Scratch.Autograd;

/// <summary>
/// Gradients during one backward pass, one slot per node of the pass's topological order (candle style):
/// the engine writes here rather than into tensors, so the same walk serves training (∂loss/∂θ into the
/// leaves) and attacks (∂loss/∂x returned to the caller, no parameter touched).
/// </summary>
internal sealed class GradStore(int count)
{
    private readonly Tensor?[] _grads = new Tensor?[count];

    /// <summary>
    /// Adds <paramref name="grad"/> to the gradient of <paramref name="node"/>, in slot <paramref name="slot"/>
    /// (the += of micrograd). This is the one place where broadcasting is undone: an op's backward may return its
    /// gradient in the broadcast shape of the op's output, and it is summed back to the input's shape here.
    /// </summary>
    /// <exception cref="InvalidOperationException">The gradient does not reduce to the node's shape or has the wrong dtype or device; the message names the op that produced it.</exception>
    public void Accumulate(int slot, Node node, Tensor grad, string producer)
    {
        if (grad.DType != node.DType || grad.Device != node.Device)
        {
            throw new InvalidOperationException($"backward of '{producer}': gradient is {grad.DType.Name()} on {grad.Device}, but its input is {node.DType.Name()} on {node.Device}");
        }
        if (grad.Shape != node.Shape)
        {
            try
            {
                grad = grad.SumToShape(node.Shape);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"backward of '{producer}': gradient of shape {grad.Shape} does not reduce to its input's shape {node.Shape}", e);
            }
        }
        _grads[slot] = _grads[slot] is { } sum ? sum + grad : grad;
    }

    /// <summary>The gradient in a slot, or null when no gradient reached its node.</summary>
    public Tensor? Get(int slot) => _grads[slot];

    /// <summary>Forgets a slot's gradient once it has been passed on, so intermediate gradients do not pile up.</summary>
    public void Remove(int slot) => _grads[slot] = null;
}
