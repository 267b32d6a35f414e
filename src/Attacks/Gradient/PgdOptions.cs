namespace Scratch.Attacks;

/// <summary>
/// Parameters of projected gradient descent (Madry et al. 2018) and of the basic iterative method (Kurakin et al.
/// 2017: PGD without a random start). Defaults follow Madry's MNIST settings scaled to the budget: 40 steps of
/// 2.5·ε/steps each, a uniform random start, one restart.
/// </summary>
public sealed record PgdOptions
{
    /// <summary>The norm of the budget.</summary>
    public PerturbationNorm Norm { get; init; } = PerturbationNorm.Linf;

    /// <summary>ε, the radius of the ball around x that x′ stays in.</summary>
    public double Epsilon { get; init; } = 0.3;

    /// <summary>α, the length of one step in the chosen norm; null: 2.5·ε / <see cref="Steps"/>.</summary>
    public double? StepSize { get; init; }

    /// <summary>Gradient steps per restart.</summary>
    public int Steps { get; init; } = 40;

    /// <summary>Start from a point drawn uniformly in the ball (PGD) rather than from x itself (BIM).</summary>
    public bool RandomStart { get; init; } = true;

    /// <summary>Independent runs from fresh random starts; per example the best is kept (a success; else the highest loss).</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Seeds the random starts (example i of the split draws at its own position, so batching does not matter).</summary>
    public ulong Seed { get; init; }

    /// <summary>Stop moving an example once it is misclassified (or reaches its target).</summary>
    public bool EarlyStop { get; init; } = true;

    /// <summary>Whom to aim for.</summary>
    public TargetPolicy Target { get; init; } = TargetPolicy.Untargeted;

    /// <summary>α as used: <see cref="StepSize"/>, or 2.5·ε / steps.</summary>
    public double Alpha => StepSize ?? 2.5 * Epsilon / Steps;

    /// <summary>Checks every parameter; the message names the bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of its range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Norm))
        {
            throw new ArgumentOutOfRangeException(nameof(Norm), Norm, "pgd: expected linf or l2");
        }
        AttackInputs.CheckEpsilon("pgd", Epsilon, nameof(Epsilon));
        if (StepSize is { } a && (!double.IsFinite(a) || a <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(StepSize), a, "pgd: the step size must be finite and > 0");
        }
        if (Steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "pgd: steps must be ≥ 1");
        }
        if (Restarts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, "pgd: restarts must be ≥ 1");
        }
        ArgumentNullException.ThrowIfNull(Target);
    }
}
