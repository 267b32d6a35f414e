namespace Scratch.Attacks;

// Problem: the tunables of PowerIteration.cs in one place, with documented defaults and one Validate()
// that names the bad parameter (the shape of LbfgsbOptions).
// Approach: a seeded start (so a run is reproducible bit for bit), a relative-change tolerance on the
// estimate of σ_max, and an iteration cap; the result says whether the tolerance was met.
// References:
//   [1] Golub & Van Loan 2013, "Matrix Computations", 4th ed., §8.2.1 (the power method).

/// <summary>
/// Parameters of <see cref="PowerIteration"/>: the seed of the start vector, the stopping tolerance and the
/// iteration cap, with one <see cref="Validate"/> that names the bad parameter.
/// </summary>
public sealed record PowerIterationOptions
{
    /// <summary>The default options.</summary>
    public static PowerIterationOptions Default { get; } = new();

    /// <summary>Seeds the Gaussian start vector (Philox stream from position 0). Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Stop when successive estimates σₖ, σₖ₋₁ satisfy |σₖ − σₖ₋₁| ≤ tolerance·σₖ. Default 1e-10.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>The most iterations (each one application of A and one of Aᵀ). Default 10,000.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Checks every parameter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of its range; the message names it.</exception>
    public void Validate()
    {
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "power iteration: the tolerance must be finite and > 0");
        }
        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "power iteration: max iterations must be ≥ 1");
        }
    }
}
