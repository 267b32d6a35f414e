using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>The element-wise activation tanh(x).</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc/>
    public override Variable Forward(Variable input) => input.Tanh();
}
