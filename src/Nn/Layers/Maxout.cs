using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>
/// A maxout layer (Goodfellow, Warde-Farley, Mirza, Courville &amp; Bengio 2013): a <see cref="Linear"/>
/// map to units·pieces values, then the maximum over each unit's pieces:
/// h_j = max_{k &lt; pieces} (x Wᵀ + b)_{j·pieces + k}. Input [N, in], output [N, units].
/// The affine map is the child "linear", so its parameters are "linear.weight" [units·pieces, in] and
/// "linear.bias" and it carries the layer's L1/L2 penalty.
/// </summary>
public sealed class Maxout : Module
{
    /// <summary>Creates the layer; the affine map is initialised with <paramref name="init"/> from <paramref name="generator"/>.</summary>
    public Maxout(int inFeatures, int units, int pieces, Generator generator, WeightInit init = WeightInit.XavierUniform)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pieces);
        Units = units;
        Pieces = pieces;
        Linear = RegisterModule("linear", new Linear(inFeatures, units * pieces, generator, bias: true, init));
    }

    /// <summary>The number of output units.</summary>
    public int Units { get; }

    /// <summary>The number of affine pieces per unit.</summary>
    public int Pieces { get; }

    /// <summary>The affine map to units·pieces values (unit-major: unit j owns rows j·pieces … j·pieces + pieces − 1).</summary>
    public Linear Linear { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable input)
    {
        var z = Linear.Forward(input);
        // The gradient of a max flows to the winning piece only (Variable.Max's rule).
        return z.Reshape(z.Shape[0], Units, Pieces).Max(2);
    }

    /// <inheritdoc/>
    public override string Describe() => $"Maxout({Linear.InFeatures} → {Units} units × {Pieces} pieces)";
}
