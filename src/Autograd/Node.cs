namespace Scratch.Autograd;

/// <summary>
/// What a node knows about one input of its op: the input's own node (null when the input needs no
/// gradient: a constant, a detached value, or anything computed under no-grad) and, for printing,
/// the input's shape and name.
/// </summary>
internal readonly record struct NodeInput(Node? Node, Shape Shape, string? Name);

/// <summary>
/// One entry of the tape. A node belongs to a <see cref="Variable"/> that requires a gradient; it
/// holds the op's name, its inputs' nodes (the graph's edges) and, for each input, the function that
/// maps the gradient of the op's output to the gradient of that input. It deliberately does not hold
/// the output tensor: only what a backward closure captured stays alive, and
/// <see cref="Release"/> lets that go once backward has used it.
/// </summary>
internal sealed class Node
{
    private Func<Tensor, Tensor>?[]? _backward;
    private List<Action<Tensor>>? _hooks;

    /// <summary>A node for an op: one backward function per input (null where the input needs no gradient).</summary>
    public Node(string op, Tensor output, NodeInput[] inputs, Func<Tensor, Tensor>?[] backward)
    {
        Op = op;
        Shape = output.Shape;
        DType = output.DType;
        Device = output.Device;
        Inputs = inputs;
        _backward = backward;
    }

    /// <summary>A leaf node: a variable created by the user with requiresGrad, whose gradient lands in <see cref="Variable.Grad"/>.</summary>
    public Node(Variable leaf)
    {
        Op = "leaf";
        Shape = leaf.Shape;
        DType = leaf.DType;
        Device = leaf.Device;
        Inputs = [];
        Leaf = leaf;
    }

    /// <summary>The op's name as printed ("tanh", "matmul", "leaf").</summary>
    public string Op { get; }

    /// <summary>The name given by the user, if any.</summary>
    public string? Name { get; set; }

    /// <summary>The shape of the op's output, which is the shape of this node's gradient.</summary>
    public Shape Shape { get; }

    /// <summary>The dtype of the op's output and of its gradient.</summary>
    public DType DType { get; }

    /// <summary>The device of the op's output and of its gradient.</summary>
    public Device Device { get; }

    /// <summary>The op's inputs, in argument order.</summary>
    public NodeInput[] Inputs { get; }

    /// <summary>The user's variable when this is a leaf; null for an op.</summary>
    public Variable? Leaf { get; }

    /// <summary>Whether this node is a leaf (has no op and no inputs).</summary>
    public bool IsLeaf => Leaf is not null;

    /// <summary>Whether an earlier backward released this op's saved tensors.</summary>
    public bool IsReleased => !IsLeaf && _backward is null;

    /// <summary>The gradient of input <paramref name="index"/>, given the gradient of the output.</summary>
    public Tensor BackwardFor(int index, Tensor grad) =>
        (_backward ?? throw new InvalidOperationException($"backward: op '{Op}' was released"))[index]!(grad);

    /// <summary>Drops the backward functions and with them every tensor they captured.</summary>
    public void Release() => _backward = null;

    /// <summary>Adds a hook called with the gradient reaching this node; disposing the result removes it.</summary>
    public IDisposable AddHook(Action<Tensor> hook)
    {
        (_hooks ??= []).Add(hook);
        return new HookHandle(this, hook);
    }

    /// <summary>Calls every hook with the total gradient of this node.</summary>
    public void RunHooks(Tensor grad)
    {
        if (_hooks is null)
        {
            return;
        }
        foreach (var hook in _hooks.ToArray())
        {
            hook(grad);
        }
    }

    private sealed class HookHandle(Node node, Action<Tensor> hook) : IDisposable
    {
        public void Dispose() => node._hooks?.Remove(hook);
    }
}
