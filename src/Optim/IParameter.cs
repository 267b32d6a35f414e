namespace Scratch.Optim;

/// <summary>A trainable tensor an optimizer updates: its current value and the gradient of the last backward.</summary>
public interface IParameter
{
    /// <summary>The parameter's name (dotted for nested modules, e.g. "layers.0.weight").</summary>
    string Name { get; }

    /// <summary>The current value; an optimizer step replaces it with a tensor of the same shape, dtype and device.</summary>
    Tensor Value { get; set; }

    /// <summary>The gradient of the last backward, or null when none reached this parameter.</summary>
    Tensor? Gradient { get; }
}
