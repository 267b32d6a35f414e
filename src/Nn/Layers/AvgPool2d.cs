using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>Average pooling over square windows of an [N, C, H, W] batch; the stride defaults to the kernel size.</summary>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    public AvgPool2d(int kernel, int? stride = null, int padding = 0)
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

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable input) =>
        Variable.AvgPool2d(input, (Kernel, Kernel), (Stride, Stride), (Padding, Padding));

    /// <inheritdoc/>
    public override string Describe() => $"AvgPool2d({Kernel}×{Kernel}, stride {Stride})";
}
