namespace Scratch.Optim;

// Problem: stochastic gradient descent with optional heavy-ball or Nesterov momentum and L2 weight decay.
// Approach: PyTorch's torch.optim.SGD with dampening 0, so that results can be compared with it:
//   g ← ∇θ + λθ                       (weight decay λ folded into the gradient)
//   v ← μv + g                        (v starts as g on the first step)
//   θ ← θ − η·v                       (heavy ball), or θ ← θ − η·(g + μv) (Nesterov)
// The step is computed by SgdUpdate: one fused pass per parameter on the CPU, tensor ops elsewhere.
// References:
//   [1] Polyak 1964, "Some methods of speeding up the convergence of iteration methods" (heavy ball).
//   [2] Sutskever, Martens, Dahl & Hinton 2013, "On the importance of initialization and momentum in
//       deep learning", ICML (Nesterov momentum in this form).

/// <summary>Stochastic gradient descent with momentum, Nesterov momentum and weight decay (PyTorch semantics).</summary>
public sealed class Sgd : Optimizer
{
    private readonly Tensor?[] _velocity; // v per parameter; null until the parameter's first step
    private double _momentum;

    /// <summary>Creates SGD over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">η, the step size (≥ 0).</param>
    /// <param name="momentum">μ in [0, 1); 0 is plain SGD.</param>
    /// <param name="nesterov">Use Nesterov momentum (requires μ &gt; 0).</param>
    /// <param name="weightDecay">λ ≥ 0, the coefficient of the L2 term added to each gradient.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and its value.</exception>
    public Sgd(IReadOnlyList<IParameter> parameters, double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        if (nesterov && momentum == 0)
        {
            throw new ArgumentException("sgd: nesterov = true needs momentum > 0 (momentum = 0)", nameof(nesterov));
        }
        Nesterov = nesterov;
        Momentum = momentum;
        WeightDecay = Check.NonNegative(weightDecay, "weight decay");
        _velocity = new Tensor?[Parameters.Count];
    }

    /// <summary>μ, the momentum coefficient; a schedule (e.g. <see cref="MomentumRamp"/>) may change it between steps, and the next step uses the new μ with the velocity accumulated so far.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1), or 0 while <see cref="Nesterov"/> is set.</exception>
    public double Momentum
    {
        get => _momentum;
        set
        {
            _momentum = Check.UnitInterval(value, "momentum");
            if (Nesterov && value == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "sgd: momentum = 0 is invalid with nesterov = true; expected a number in (0, 1)");
            }
        }
    }

    /// <summary>Whether the step uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <summary>λ, the L2 weight-decay coefficient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public override void Step()
    {
        var coefficients = new SgdCoefficients(LearningRate, Momentum, WeightDecay, Nesterov);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Gradient is { } g)
            {
                p.Value = SgdUpdate.Step(p.Value, g, ref _velocity[i], coefficients);
            }
        }
    }
}
