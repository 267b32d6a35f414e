using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>The element-wise activation ζ(x) = log(1 + eˣ).</summary>
public sealed class Softplus : Module
{
    /// <inheritdoc/>
    public override Variable Forward(Variable input) => input.Softplus();
}
