using System.Text;

namespace Scratch.Nn;

public abstract partial class Module
{
    /// <summary>The value of every parameter by dotted name (the tensors themselves, not copies).</summary>
    public Dictionary<string, Tensor> StateDict() =>
        NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Value);

    /// <summary>
    /// Replaces parameter values by name. Each tensor must have the parameter's shape and dtype; it is
    /// moved to the parameter's device. With <paramref name="strict"/>, the key sets must match exactly;
    /// otherwise missing and unexpected keys are ignored (shape and dtype are always checked).
    /// Nothing is changed unless every check passes.
    /// </summary>
    /// <exception cref="ArgumentException">Missing or unexpected keys (strict), or a shape or dtype mismatch; the message lists every fault.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = NamedParameters().ToList();
        var faults = new List<string>();
        if (strict)
        {
            var missing = own.Select(p => p.Name).Where(n => !state.ContainsKey(n)).ToList();
            var known = own.Select(p => p.Name).ToHashSet();
            var unexpected = state.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                faults.Add($"missing keys: {string.Join(", ", missing)}");
            }
            if (unexpected.Count > 0)
            {
                faults.Add($"unexpected keys: {string.Join(", ", unexpected)}");
            }
        }
        foreach (var (name, parameter) in own)
        {
            if (!state.TryGetValue(name, out var value))
            {
                continue;
            }
            if (value.Shape != parameter.Shape)
            {
                faults.Add($"'{name}': shape {value.Shape} in the state, {parameter.Shape} in the model");
            }
            if (value.DType != parameter.Value.DType)
            {
                faults.Add($"'{name}': dtype {value.DType.Name()} in the state, {parameter.Value.DType.Name()} in the model");
            }
        }
        if (faults.Count > 0)
        {
            var message = new StringBuilder($"LoadStateDict into {GetType().Name}: ");
            message.AppendJoin("; ", faults);
            throw new ArgumentException(message.ToString(), nameof(state));
        }
        foreach (var (name, parameter) in own)
        {
            if (state.TryGetValue(name, out var value))
            {
                parameter.Value = value.Clone().To(parameter.Value.Device);
            }
        }
    }

    /// <summary>Moves every parameter to <paramref name="device"/> (new leaves; gradients are dropped).</summary>
    /// <returns>This module.</returns>
    public Module To(Device device)
    {
        foreach (var (_, p) in NamedParameters())
        {
            p.Rebind(p.Value.To(device));
        }
        return this;
    }

    /// <summary>Converts every parameter to <paramref name="dtype"/> (float64 for gradient checks; new leaves, gradients dropped).</summary>
    /// <returns>This module.</returns>
    public Module To(DType dtype)
    {
        if (!dtype.IsFloatingPoint())
        {
            throw new ArgumentException($"To: parameters must be float32 or float64, not {dtype.Name()}", nameof(dtype));
        }
        foreach (var (_, p) in NamedParameters())
        {
            p.Rebind(p.Value.To(dtype));
        }
        return this;
    }
}
