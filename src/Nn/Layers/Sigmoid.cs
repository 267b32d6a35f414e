using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>The element-wise activation σ(x) = 1 / (1 + e^(−x)).</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc/>
    public override Variable Forward(Variable input) => input.Sigmoid();
}
