using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>
/// A layer of radial-basis-function units, the "shallow RBF network" of Goodfellow, Shlens &amp;
/// Szegedy 2015, §7. The paper's unit is p(y = 1 | x) = exp((x − μ)ᵀ β (x − μ)) with β negative
/// (semi)definite. We implement the diagonal case with the sign made explicit: unit k has a learned
/// centre μ_k ∈ ℝⁿ and positive precisions β_k ∈ ℝⁿ, and outputs the score
/// <code>s_k(x) = −Σ_i β_ki (x_i − μ_ki)²  (≤ 0, and 0 exactly at the centre)</code>
/// so exp(s_k) is the paper's unit. Used as logits, a softmax gives p(y = k | x) ∝ exp(s_k(x)): the
/// class with the nearest centre in the β-weighted distance wins, and confidence falls away from
/// every centre — why such a network is confidently right only near its training data.
/// Positivity of β is kept by the parametrisation β = exp(ρ) with ρ the parameter "log_precisions";
/// the centres are the parameter "centres". Input [N, n], output [N, units].
/// </summary>
public sealed class Rbf : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inFeatures">n, the input width.</param>
    /// <param name="units">The number of units (classes, for the shallow network).</param>
    /// <param name="generator">Draws the centres, uniform on [0, 1)ⁿ (the pixel box).</param>
    /// <param name="initialPrecision">The starting β for every unit and input; by default 1/n, so the initial scores are mean squared distances, of order 1.</param>
    public Rbf(int inFeatures, int units, Generator generator, double? initialPrecision = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ArgumentNullException.ThrowIfNull(generator);
        var beta = initialPrecision ?? 1.0 / inFeatures;
        if (!(beta > 0) || double.IsInfinity(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(initialPrecision), beta, "Rbf: the initial precision must be finite and > 0");
        }
        InFeatures = inFeatures;
        Units = units;
        var shape = new Shape(units, inFeatures);
        Centres = RegisterParameter("centres", new Parameter(Init.Uniform(shape, 0, 1, generator), "centres"));
        LogPrecisions = RegisterParameter("log_precisions", new Parameter(Tensor.Full(shape, Math.Log(beta)), "log_precisions"));
    }

    /// <summary>n, the input width.</summary>
    public int InFeatures { get; }

    /// <summary>The number of units.</summary>
    public int Units { get; }

    /// <summary>μ, shape [units, n].</summary>
    public Parameter Centres { get; }

    /// <summary>ρ = log β, shape [units, n].</summary>
    public Parameter LogPrecisions { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Shape[1] != InFeatures)
        {
            throw new ArgumentException($"{Describe()}: input of shape {input.Shape}; expected [N, {InFeatures}]", nameof(input));
        }
        // d_nki = x_ni − μ_ki, broadcast to [N, units, n].
        var d = input.Unsqueeze(1) - Centres.Variable.Unsqueeze(0);
        // s_nk = −Σ_i β_ki d_nki², β = exp(ρ).
        var beta = LogPrecisions.Variable.Exp().Unsqueeze(0);
        return -(d.Square() * beta).Sum(2);
    }

    /// <inheritdoc/>
    public override string Describe() => $"Rbf({InFeatures} → {Units} units, diagonal precisions)";
}
