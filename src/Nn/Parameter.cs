using Scratch.Autograd;
using Scratch.Optim;

namespace Scratch.Nn;

/// <summary>
/// A trainable tensor of a <see cref="Module"/>: a leaf <see cref="Autograd.Variable"/> that requires a
/// gradient. Layers read it through <see cref="Variable"/> in their forward; an optimizer sees it as an
/// <see cref="IParameter"/> and replaces <see cref="Value"/> after each step.
/// </summary>
public sealed class Parameter : IParameter
{
    /// <summary>Creates a parameter over <paramref name="value"/> (float32 or float64).</summary>
    /// <param name="value">The initial value.</param>
    /// <param name="name">The local name ("weight"); the owning module rewrites it to the dotted path when it is nested.</param>
    public Parameter(Tensor value, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _variable = new Variable(value, requiresGrad: true, name: name);
        _name = name;
    }

    private Variable _variable;

    // The constant a frozen forward reads, made again only when the value or the name has changed since (an attack
    // evaluates the frozen model thousands of times between two changes).
    private Variable? _frozen;

    /// <summary>
    /// The leaf variable the forward pass reads; its <see cref="Variable.Grad"/> receives the gradient of a backward.
    /// Inside a <see cref="Freeze"/> scope it is a constant over the same value instead, so a forward records no
    /// path to the weights (what an attack's classifier view needs).
    /// </summary>
    public Variable Variable
    {
        get => FrozenParameters.IsActive ? Frozen() : _variable;
        internal set => _variable = value;
    }

    /// <summary>
    /// Starts a scope (on this thread and the tasks it starts) in which every parameter reads as a constant:
    /// a forward inside it records only what leads to its inputs. Dispose the scope to end it; scopes nest.
    /// </summary>
    public static FrozenParameters Freeze() => new();

    private Variable Frozen()
    {
        var frozen = _frozen;
        if (frozen is null || !ReferenceEquals(frozen.Data, _variable.Data) || !ReferenceEquals(frozen.Name, Name))
        {
            _frozen = frozen = new Variable(_variable.Data, name: Name);
        }
        return frozen;
    }

    /// <summary>The dotted name relative to the outermost module that owns this parameter ("layers.0.weight").</summary>
    public string Name
    {
        get => _name;
        internal set
        {
            _name = value;
            _variable.Name = value;
        }
    }

    private string _name;

    /// <summary>The current value; the new one must have the same shape, dtype and device.</summary>
    /// <exception cref="ArgumentException">The new value has another shape, dtype or device.</exception>
    public Tensor Value
    {
        get => _variable.Data;
        set => _variable.Data = value;
    }

    /// <summary>The gradient accumulated by backward since the last <see cref="ZeroGrad"/>, or null.</summary>
    public Tensor? Gradient => _variable.Grad;

    /// <summary>The shape of the value.</summary>
    public Shape Shape => _variable.Shape;

    /// <summary>Forgets the accumulated gradient.</summary>
    public void ZeroGrad() => _variable.ZeroGrad();

    /// <summary>Replaces the leaf with a new one over <paramref name="value"/> (a move to another device or dtype), keeping the name.</summary>
    internal void Rebind(Tensor value) => _variable = new Variable(value, requiresGrad: true, name: Name);

    /// <summary>"layers.0.weight [10, 784] float32".</summary>
    public override string ToString() => $"{Name} {Shape} {_variable.DType.Name()}";
}
