using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch) with a square kernel: input [N, C_in, H, W],
/// weight [C_out, C_in, k, k], bias [C_out], output [N, C_out, H′, W′] with
/// H′ = ⌊(H + 2·padding − k) / stride⌋ + 1.
/// </summary>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer; the weight is drawn from <paramref name="generator"/> with <paramref name="init"/> (He uniform by default, for ReLU nets), the bias starts at zero.</summary>
    public Conv2d(int inChannels, int outChannels, int kernel, Generator generator, int stride = 1, int padding = 0, bool bias = true, WeightInit init = WeightInit.HeUniform)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentNullException.ThrowIfNull(generator);
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        Weight = RegisterParameter("weight", new Parameter(Init.Create(init, new Shape(outChannels, inChannels, kernel, kernel), generator), "weight"));
        if (bias)
        {
            Bias = RegisterParameter("bias", new Parameter(Init.Zeros(new Shape(outChannels)), "bias"));
        }
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel height and width.</summary>
    public int Kernel { get; }

    /// <summary>Stride in both directions.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; }

    /// <summary>The filters, shape [C_out, C_in, k, k].</summary>
    public Parameter Weight { get; }

    /// <summary>The per-channel bias, shape [C_out], or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Shape[1] != InChannels)
        {
            throw new ArgumentException($"{Describe()}: input of shape {input.Shape}; expected [N, {InChannels}, H, W]", nameof(input));
        }
        return Variable.Conv2d(input, Weight.Variable, Bias?.Variable, (Stride, Stride), (Padding, Padding));
    }

    /// <inheritdoc/>
    public override string Describe() =>
        $"Conv2d({InChannels} → {OutChannels}, {Kernel}×{Kernel}, stride {Stride}, padding {Padding}{(Bias is null ? ", no bias" : "")})";
}
