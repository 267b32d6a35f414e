using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>
/// A differentiable function with trainable state, PyTorch-style: a module owns named
/// <see cref="Parameter"/>s and named child modules, and maps a batch to an output with
/// <see cref="Forward"/>. Parameter names are dotted paths through the children
/// ("layers.0.weight"), so a checkpoint written by PyTorch with the same names loads.
/// Other parts of the module live in partial files: state (Module.State.cs), the summary
/// (Module.Format.cs) and checkpoints (Module.Checkpoint.cs).
/// </summary>
public abstract partial class Module
{
    private readonly List<(string Name, Parameter Parameter)> _parameters = [];
    private readonly List<(string Name, Module Module)> _children = [];

    /// <summary>Maps a batch to the module's output, recording the tape when gradients are enabled.</summary>
    public abstract Variable Forward(Variable input);

    /// <summary>The same as <see cref="Forward"/>.</summary>
    public Variable Call(Variable input) => Forward(input);

    /// <summary>Whether the module is in training mode (dropout active); true after construction.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>The direct children in registration order.</summary>
    public IReadOnlyList<(string Name, Module Module)> Children => _children;

    /// <summary>Sets training mode on this module and every descendant.</summary>
    /// <returns>This module.</returns>
    public Module Train(bool mode = true)
    {
        Training = mode;
        foreach (var (_, child) in _children)
        {
            child.Train(mode);
        }
        return this;
    }

    /// <summary>Sets evaluation mode (dropout is the identity) on this module and every descendant.</summary>
    /// <returns>This module.</returns>
    public Module Eval() => Train(false);

    /// <summary>Every parameter with its dotted name, depth first in registration order.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        foreach (var p in _parameters)
        {
            yield return p;
        }
        foreach (var (childName, child) in _children)
        {
            foreach (var (name, parameter) in child.NamedParameters())
            {
                yield return ($"{childName}.{name}", parameter);
            }
        }
    }

    /// <summary>Every parameter, in the order of <see cref="NamedParameters"/>.</summary>
    public IReadOnlyList<Parameter> Parameters() => NamedParameters().Select(p => p.Parameter).ToList();

    /// <summary>Every descendant module with its dotted name ("" for this module), depth first.</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules()
    {
        yield return ("", this);
        foreach (var (childName, child) in _children)
        {
            foreach (var (name, module) in child.NamedModules())
            {
                yield return (name.Length == 0 ? childName : $"{childName}.{name}", module);
            }
        }
    }

    /// <summary>The number of trainable scalars.</summary>
    public long ParameterCount() => NamedParameters().Sum(p => (long)p.Parameter.Shape.ElementCount);

    /// <summary>Forgets the accumulated gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, p) in NamedParameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>
    /// The weight penalty Σ over descendants of λ₁‖W‖₁ + λ₂‖W‖₂² (each layer with its own λ, as in
    /// Szegedy et al. 2014, Table 1), a scalar to add to the data loss; zero when no layer sets one.
    /// </summary>
    public Variable Penalty()
    {
        Variable? total = null;
        foreach (var (_, own) in PenaltyTerms())
        {
            total = total is null ? own : total + own;
        }
        if (total is not null)
        {
            return total;
        }
        var first = NamedParameters().Select(p => p.Parameter.Value).FirstOrDefault();
        return new Variable(Tensor.Scalar(0, first?.DType ?? DType.Float32, first?.Device ?? Device.Cpu));
    }

    /// <summary>
    /// The terms of <see cref="Penalty"/>, one per module that has a penalty, with the module's dotted
    /// name ("1" for the second layer of a <see cref="Sequential"/>), in the order they are summed.
    /// </summary>
    public IEnumerable<(string Module, Variable Term)> PenaltyTerms()
    {
        foreach (var (name, module) in NamedModules())
        {
            if (module.OwnPenalty() is { } own)
            {
                yield return (name, own);
            }
        }
    }

    /// <summary>This module's own penalty term (not its children's), or null when it has none.</summary>
    protected virtual Variable? OwnPenalty() => null;

    /// <summary>Registers a parameter under a local name.</summary>
    /// <returns>The parameter.</returns>
    protected Parameter RegisterParameter(string name, Parameter parameter)
    {
        RequireFreshName(name);
        _parameters.Add((name, parameter));
        RefreshNames();
        return parameter;
    }

    /// <summary>Registers a child module under a local name; its parameters are named "name.…".</summary>
    /// <returns>The child.</returns>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        RequireFreshName(name);
        _children.Add((name, module));
        RefreshNames();
        return module;
    }

    private void RequireFreshName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.'))
        {
            throw new ArgumentException($"{GetType().Name}: name '{name}' contains a '.', which separates path segments", nameof(name));
        }
        if (_parameters.Any(p => p.Name == name) || _children.Any(c => c.Name == name))
        {
            throw new ArgumentException($"{GetType().Name}: '{name}' is already registered", nameof(name));
        }
    }

    // Names are rewritten at each registration, so after the outermost module is built every
    // parameter carries its full dotted path from that module.
    private void RefreshNames()
    {
        foreach (var (name, parameter) in NamedParameters())
        {
            parameter.Name = name;
        }
    }
}
