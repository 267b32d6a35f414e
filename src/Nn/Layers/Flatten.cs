using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>Flattens every dimension from <see cref="StartDim"/> on: [N, 1, 28, 28] → [N, 784] by default.</summary>
public sealed class Flatten : Module
{
    /// <summary>Creates the layer; the batch dimension 0 is kept by default.</summary>
    public Flatten(int startDim = 1)
    {
        StartDim = startDim;
    }

    /// <summary>The first dimension that is merged.</summary>
    public int StartDim { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable input) => input.Flatten(StartDim);

    /// <inheritdoc/>
    public override string Describe() => $"Flatten(from {StartDim})";
}
