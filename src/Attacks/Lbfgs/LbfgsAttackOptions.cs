using Scratch.Optim;

namespace Scratch.Attacks;

/// <summary>
/// Parameters of Szegedy's box-constrained L-BFGS attack (<see cref="LbfgsAttack"/>). The paper (§4.1) gives none
/// of them; these are ours, chosen so that a 784-pixel MNIST example reaches its minimum within a few hundred
/// evaluations: c starts at 1, grows (or shrinks) tenfold until the outcome flips, then 5 bisection steps in
/// log c; each minimisation runs L-BFGS-B (m = 10) for at most 100 iterations with the solver's default tolerances.
/// </summary>
public sealed record LbfgsAttackOptions
{
    /// <summary>The first c of every example's search.</summary>
    public double InitialC { get; init; } = 1.0;

    /// <summary>The factor c is multiplied by (after a success) or divided by (after a failure) until the outcome flips.</summary>
    public double GrowthFactor { get; init; } = 10.0;

    /// <summary>How many times c may grow or shrink before the search stops at the last c tried.</summary>
    public int MaxBracketSteps { get; init; } = 6;

    /// <summary>Bisection steps, in log c, between the largest success and the smallest failure.</summary>
    public int BisectionSteps { get; init; } = 5;

    /// <summary>The L-BFGS-B settings of each minimisation.</summary>
    public LbfgsbOptions Solver { get; init; } = new() { MaxIterations = 100 };

    /// <summary>Whom to aim for: by default a seeded random class other than the label, as in the paper's tables.</summary>
    public TargetPolicy Target { get; init; } = TargetPolicy.Random(0);

    /// <summary>
    /// Run the examples of a batch in lockstep (one batched forward and backward per round; the default), or solve
    /// each minimisation alone through the single-problem path.
    /// </summary>
    public bool Lockstep { get; init; } = true;

    /// <summary>Checks every parameter; the message names the bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of its range.</exception>
    public void Validate()
    {
        if (!double.IsFinite(InitialC) || InitialC <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialC), InitialC, "lbfgs: the initial c must be finite and > 0");
        }
        if (!double.IsFinite(GrowthFactor) || GrowthFactor <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(GrowthFactor), GrowthFactor, "lbfgs: the growth factor must be finite and > 1");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(MaxBracketSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(BisectionSteps);
        ArgumentNullException.ThrowIfNull(Solver);
        ArgumentNullException.ThrowIfNull(Target);
        if (Target == TargetPolicy.Untargeted)
        {
            throw new ArgumentException("lbfgs: Szegedy's attack needs a target class; use runner-up, random, all or a class", nameof(Target));
        }
        Solver.Validate();
    }
}
