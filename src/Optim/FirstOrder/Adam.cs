namespace Scratch.Optim;

// Problem: Adam, a first-order method with per-coordinate step sizes from running moment estimates.
// Approach: Kingma & Ba 2015, Algorithm 1, with an optional L2 term folded into the gradient (as
// torch.optim.Adam's weight_decay, not AdamW's decoupled decay). Each parameter keeps its own step
// count t, so a parameter that received no gradient for a while is bias-corrected for its own history.
//   g ← ∇θ + λθ
//   m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²
//   m̂ = m / (1 − β₁ᵗ);     v̂ = v / (1 − β₂ᵗ)
//   θ ← θ − α·m̂ / (√v̂ + ε)
// The step is computed by AdamUpdate: one fused pass per parameter on the CPU, tensor ops elsewhere.
// References:
//   [1] Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", ICLR (Algorithm 1).

/// <summary>Adam (Kingma &amp; Ba 2015, Algorithm 1) with bias correction and optional L2 weight decay.</summary>
public sealed class Adam : Optimizer
{
    private readonly Tensor?[] _m; // first-moment estimate per parameter
    private readonly Tensor?[] _v; // second raw-moment estimate per parameter
    private readonly int[] _t;     // steps taken by each parameter

    /// <summary>Creates Adam over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">α, the step size (≥ 0). Default 1e-3.</param>
    /// <param name="beta1">β₁ in [0, 1), the decay of the first-moment estimate. Default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1), the decay of the second-moment estimate. Default 0.999.</param>
    /// <param name="epsilon">ε &gt; 0, added to √v̂ for stability. Default 1e-8.</param>
    /// <param name="weightDecay">λ ≥ 0, the coefficient of the L2 term added to each gradient.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and its value.</exception>
    public Adam(IReadOnlyList<IParameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        Beta1 = Check.UnitInterval(beta1, "beta1");
        Beta2 = Check.UnitInterval(beta2, "beta2");
        Epsilon = Check.Positive(epsilon, "epsilon");
        WeightDecay = Check.NonNegative(weightDecay, "weight decay");
        _m = new Tensor?[Parameters.Count];
        _v = new Tensor?[Parameters.Count];
        _t = new int[Parameters.Count];
    }

    /// <summary>β₁, the decay of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>ε, the stabiliser added to √v̂.</summary>
    public double Epsilon { get; }

    /// <summary>λ, the L2 weight-decay coefficient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public override void Step()
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Gradient is { } g)
            {
                var coefficients = new AdamCoefficients(LearningRate, Beta1, Beta2, Epsilon, WeightDecay, ++_t[i]);
                p.Value = AdamUpdate.Step(p.Value, g, ref _m[i], ref _v[i], coefficients);
            }
        }
    }
}
