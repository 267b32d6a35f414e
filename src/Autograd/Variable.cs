using System.Globalization;

namespace Scratch.Autograd;

/// <summary>
/// A differentiable value: a <see cref="Tensor"/> and, when it requires a gradient, the node of the
/// tape that produced it. Ops on variables compute their result with the tensor op of the same name
/// and record a node whose backward functions sit beside the forward in the op's source file
/// (micrograd style). <see cref="Backward"/> accumulates gradients into the leaves' <see cref="Grad"/>;
/// <see cref="Autodiff.Grad(Variable, IReadOnlyList{Variable}, Tensor?, bool, bool)"/> returns them
/// without touching any leaf.
/// </summary>
public sealed partial class Variable
{
    private Tensor _data;
    private string? _name;

    /// <summary>Creates a leaf variable over <paramref name="data"/>.</summary>
    /// <param name="data">The value.</param>
    /// <param name="requiresGrad">Whether backward should compute a gradient for this variable (a parameter or an input being attacked).</param>
    /// <param name="name">A name for printing graphs.</param>
    /// <exception cref="ArgumentException">A gradient is requested for an int32 tensor.</exception>
    public Variable(Tensor data, bool requiresGrad = false, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (requiresGrad && !data.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"variable: a {data.DType.Name()} tensor (shape {data.Shape}) cannot require a gradient; only float32 and float64 are differentiable", nameof(requiresGrad));
        }
        _data = data;
        _name = name;
        if (requiresGrad)
        {
            Node = new Node(this) { Name = name };
        }
    }

    private Variable(Tensor data, Node node)
    {
        _data = data;
        Node = node;
    }

    /// <summary>
    /// The value. Only a leaf's value may be replaced (an optimizer step); the value of an op's result
    /// is fixed because the tape's backward functions were computed from it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Setting the value of a variable produced by an op.</exception>
    /// <exception cref="ArgumentException">The new value has another shape, dtype or device.</exception>
    public Tensor Data
    {
        get => _data;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!IsLeaf)
            {
                throw new InvalidOperationException($"Data: cannot replace the value of the result of '{Node!.Op}'; only a leaf's value can be replaced");
            }
            if (value.Shape != _data.Shape || value.DType != _data.DType || value.Device != _data.Device)
            {
                throw new ArgumentException($"Data: the new value ({value.Shape} {value.DType.Name()} on {value.Device}) differs from the old ({_data.Shape} {_data.DType.Name()} on {_data.Device})", nameof(value));
            }
            _data = value;
        }
    }

    /// <summary>The accumulated gradient of a leaf that requires one; null until a backward reaches it or after <see cref="ZeroGrad"/>.</summary>
    public Tensor? Grad { get; private set; }

    /// <summary>Whether gradients flow to this variable.</summary>
    public bool RequiresGrad => Node is not null;

    /// <summary>Whether this variable was created by the user rather than by an op (results computed without a tape are leaves too).</summary>
    public bool IsLeaf => Node is null || Node.IsLeaf;

    /// <summary>The op that produced this variable ("leaf" for a leaf that requires a gradient, null for a constant).</summary>
    public string? Op => Node?.Op;

    /// <summary>A name shown when the graph is printed.</summary>
    public string? Name
    {
        get => Node?.Name ?? _name;
        set
        {
            _name = value;
            if (Node is not null)
            {
                Node.Name = value;
            }
        }
    }

    /// <summary>The shape of the value.</summary>
    public Shape Shape => _data.Shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _data.Rank;

    /// <summary>The dtype of the value.</summary>
    public DType DType => _data.DType;

    /// <summary>The device of the value.</summary>
    public Device Device => _data.Device;

    /// <summary>The value of a one-element variable.</summary>
    public double Item() => _data.Item();

    internal Node? Node { get; }

    /// <summary>
    /// Records an op on the tape: <paramref name="result"/> was computed from <paramref name="inputs"/>,
    /// and <paramref name="backward"/>[i] maps the gradient of the result (in the result's shape) to the
    /// gradient of inputs[i]. A backward function may return a gradient in the broadcast shape of the
    /// result; it is summed down to the input's shape in one place (<see cref="GradStore"/>). Nothing is
    /// recorded under <see cref="Autodiff.NoGrad"/> or when no input requires a gradient.
    /// This is also the extension point for ops defined outside this library.
    /// </summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static Variable Record(string op, Tensor result, IReadOnlyList<Variable> inputs, IReadOnlyList<Func<Tensor, Tensor>> backward)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(backward);
        Variable[] inputArray = inputs as Variable[] ?? [.. inputs];
        Func<Tensor, Tensor>[] backwardArray = backward as Func<Tensor, Tensor>[] ?? [.. backward];
        return Record(op, result, inputArray.AsSpan(), backwardArray.AsSpan());
    }

    /// <summary>
    /// <see cref="Record(string, Tensor, IReadOnlyList{Variable}, IReadOnlyList{Func{Tensor, Tensor}})"/> over spans:
    /// collection expressions (<c>[x]</c>, <c>[g => ...]</c>) bind to this overload and live on the stack instead of
    /// becoming list objects, which matters for ops recorded at every step of a loop.
    /// </summary>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public static Variable Record(string op, Tensor result, ReadOnlySpan<Variable> inputs, ReadOnlySpan<Func<Tensor, Tensor>> backward)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (inputs.Length != backward.Length)
        {
            throw new ArgumentException($"{op}: {inputs.Length} inputs but {backward.Length} backward functions; give one per input", nameof(backward));
        }
        if (!Autodiff.IsGradEnabled || !AnyRequiresGrad(inputs))
        {
            return new Variable(result);
        }
        var nodeInputs = new NodeInput[inputs.Length];
        var functions = new Func<Tensor, Tensor>?[inputs.Length];
        for (var k = 0; k < inputs.Length; k++)
        {
            var input = inputs[k];
            nodeInputs[k] = new NodeInput(input.Node, input.Shape, input.Name);
            // Keep a backward function only where it will be called, so nothing else is captured longer than needed.
            functions[k] = input.RequiresGrad ? backward[k] : null;
        }
        return new Variable(result, new Node(op, result, nodeInputs, functions));
    }

    private static bool AnyRequiresGrad(ReadOnlySpan<Variable> inputs)
    {
        for (var k = 0; k < inputs.Length; k++)
        {
            if (inputs[k].RequiresGrad)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Backpropagates from this variable and adds the gradient of every leaf that requires one to its
    /// <see cref="Grad"/> (gradients accumulate across calls until <see cref="ZeroGrad"/>).
    /// </summary>
    /// <param name="gradient">The upstream gradient ∂L/∂this, in this variable's shape; may be omitted only for a one-element output (it is then 1).</param>
    /// <param name="retainGraph">Keep the tape's saved tensors so that backward can run through this graph again.</param>
    /// <exception cref="InvalidOperationException">This variable does not require a gradient, is not a scalar and no gradient was given, or the graph was freed by an earlier backward.</exception>
    public void Backward(Tensor? gradient = null, bool retainGraph = false) =>
        Backprop.Run(this, gradient, targets: null, accumulateIntoLeaves: true, retainGraph, "Backward");

    /// <summary>Forgets the accumulated gradient (sets <see cref="Grad"/> to null).</summary>
    public void ZeroGrad() => Grad = null;

    /// <summary>The same value cut from the tape: it requires no gradient and nothing flows back through it.</summary>
    public Variable Detach() => new(_data, requiresGrad: false, name: Name);

    /// <summary>
    /// Calls <paramref name="hook"/> with the total gradient ∂L/∂this each time a backward (or
    /// <see cref="Autodiff.Grad(Variable, IReadOnlyList{Variable}, Tensor?, bool, bool)"/>) passes
    /// through this variable. The hook observes; it cannot change the gradient. Dispose the result to remove it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable does not require a gradient, so no gradient will ever reach it.</exception>
    public IDisposable RegisterHook(Action<Tensor> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        if (Node is null)
        {
            throw new InvalidOperationException($"RegisterHook: this variable (shape {Shape}) does not require a gradient, so no gradient will reach the hook");
        }
        return Node.AddHook(hook);
    }

    internal void AccumulateGrad(Tensor grad) => Grad = Grad is null ? grad : Grad + grad;

    /// <summary>A scalar constant with this variable's dtype and device, named by its value for printing.</summary>
    internal Variable Constant(double value) => new(Tensor.Scalar(value, DType, Device), name: ConstantName(value));

    // The printed names of the last few constants made on this thread: a loop makes the same ones at every step, and
    // formatting a double costs more than the rest of the constant.
    [ThreadStatic]
    private static (double Value, string Name)[]? t_constantNames;

    private static string ConstantName(double value)
    {
        var names = t_constantNames ??= new (double, string)[4];
        foreach (var (known, name) in names)
        {
            // By bits: −0 and 0 are equal as numbers but print differently.
            if (name is not null && BitConverter.DoubleToInt64Bits(known) == BitConverter.DoubleToInt64Bits(value))
            {
                return name;
            }
        }
        var made = value.ToString("G6", CultureInfo.InvariantCulture);
        names.AsSpan(0, names.Length - 1).CopyTo(names.AsSpan(1));
        names[0] = (value, made);
        return made;
    }

    /// <summary>"variable(shape=[2, 3], dtype=float32, device=cpu, op=tanh)"; a leaf shows requires_grad instead of op.</summary>
    public override string ToString()
    {
        var origin = Node is null ? "constant" : Node.IsLeaf ? "requires_grad" : $"op={Node.Op}";
        var name = Name is null ? "" : $"name={Name}, ";
        return $"variable({name}shape={Shape}, dtype={DType.Name()}, device={Device}, {origin})";
    }
}
