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
        Variable = new Variable(value, requiresGrad: true, name: name);
        Name = name;
    }

    /// <summary>The leaf variable the forward pass reads; its <see cref="Variable.Grad"/> receives the gradient of a backward.</summary>
    public Variable Variable { get; internal set; }

    /// <summary>The dotted name relative to the outermost module that owns this parameter ("layers.0.weight").</summary>
    public string Name { get; internal set; }

    /// <summary>The current value; the new one must have the same shape, dtype and device.</summary>
    /// <exception cref="ArgumentException">The new value has another shape, dtype or device.</exception>
    public Tensor Value
    {
        get => Variable.Data;
        set => Variable.Data = value;
    }

    /// <summary>The gradient accumulated by backward since the last <see cref="ZeroGrad"/>, or null.</summary>
    public Tensor? Gradient => Variable.Grad;

    /// <summary>The shape of the value.</summary>
    public Shape Shape => Variable.Shape;

    /// <summary>Forgets the accumulated gradient.</summary>
    public void ZeroGrad() => Variable.ZeroGrad();

    /// <summary>Replaces the leaf with a new one over <paramref name="value"/> (a move to another device or dtype), keeping the name.</summary>
    internal void Rebind(Tensor value) => Variable = new Variable(value, requiresGrad: true, name: Name);

    /// <summary>"layers.0.weight [10, 784] float32".</summary>
    public override string ToString() => $"{Name} {Shape} {Variable.DType.Name()}";
}
