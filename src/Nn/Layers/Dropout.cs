using System.Globalization;
using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>
/// Inverted dropout (Srivastava, Hinton, Krizhevsky, Sutskever &amp; Salakhutdinov 2014): in training,
/// each element is kept with probability 1 − p and scaled by 1 / (1 − p), so the expected output equals
/// the input and evaluation needs no rescaling; in evaluation it is the identity. The masks are drawn
/// from the layer's <see cref="Generator"/>, so the same seed gives the same sequence of masks.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Generator _generator;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">The probability of dropping an element, in [0, 1).</param>
    /// <param name="generator">The source of the masks (one draw per training forward).</param>
    public Dropout(double p, Generator generator)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout: p must be in [0, 1)");
        }
        ArgumentNullException.ThrowIfNull(generator);
        P = p;
        _generator = generator;
    }

    /// <summary>The drop probability.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Training || P == 0)
        {
            return input;
        }
        var u = Tensor.Rand(input.Shape, _generator, input.DType, input.Device);
        // Keep where u ≥ p (probability 1 − p); the kept elements carry 1 / (1 − p).
        var mask = Tensor.GreaterEqual(u, Tensor.Scalar(P, input.DType, input.Device)) * (1.0 / (1.0 - P));
        return input * new Variable(mask);
    }

    /// <inheritdoc/>
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"Dropout(p={P})");
}
