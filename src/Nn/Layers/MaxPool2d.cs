using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>Max pooling over square windows of an [N, C, H, W] batch; the stride defaults to the kernel size.</summary>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    public MaxPool2d(int kernel, int? stride = null, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        Kernel = kernel;
        Stride = stride ?? kernel;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Stride, nameof(stride));
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        Padding = padding;
    }

    /// <summary>Window height and width.</summary>
    public int Kernel { get; }

    /// <summary>Stride in both directions.</summary>
    public int Stride { get; }

    /// <summary>Padding on each side (padded positions never win the max).</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable input) =>
        Variable.MaxPool2d(input, (Kernel, Kernel), (Stride, Stride), (Padding, Padding));

    /// <inheritdoc/>
    public override string Describe() => $"MaxPool2d({Kernel}×{Kernel}, stride {Stride})";
}
