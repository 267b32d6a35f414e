using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>The element-wise activation max(0, x); the derivative at 0 is taken as 0.</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc/>
    public override Variable Forward(Variable input) => input.Relu();
}
