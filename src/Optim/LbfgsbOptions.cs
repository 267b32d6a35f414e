namespace Scratch.Optim;

// Problem: every tunable of L-BFGS-B in one place, with the defaults of the reference code
// (L-BFGS-B 3.0 as driven by SciPy) and one Validate() that names the bad parameter.
// References:
//   [1] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (m, factr, pgtol).
//   [2] Moré & Thuente 1994, "Line search algorithms with guaranteed sufficient decrease",
//       ACM TOMS 20(3) (ftol, gtol, xtol).

/// <summary>Parameters of <see cref="LbfgsbSolver"/>; defaults are those of L-BFGS-B 3.0 under SciPy.</summary>
public sealed record LbfgsbOptions
{
    /// <summary>The default options.</summary>
    public static LbfgsbOptions Default { get; } = new();

    /// <summary>m, the number of correction pairs (s, y) kept. Default 10.</summary>
    public int HistorySize { get; init; } = 10;

    /// <summary>pgtol: stop when ‖P(x − g) − x‖∞ ≤ this. Default 1e-5.</summary>
    public double ProjectedGradientTolerance { get; init; } = 1e-5;

    /// <summary>
    /// factr: stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ factr·ε_machine.
    /// Default 1e7 (≈ 2.2e-9 relative); 0 disables the test.
    /// </summary>
    public double RelativeReductionFactor { get; init; } = 1e7;

    /// <summary>Maximum number of iterations. Default 15000.</summary>
    public int MaxIterations { get; init; } = 15000;

    /// <summary>
    /// Maximum number of objective evaluations, checked at each new iterate as the reference
    /// driver does (a line search in progress is finished first). Default 15000.
    /// </summary>
    public int MaxEvaluations { get; init; } = 15000;

    /// <summary>Maximum evaluations in one line search before it is declared failed. Default 20.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 20;

    /// <summary>ftol, the sufficient-decrease constant μ of the Wolfe conditions. Default 1e-3.</summary>
    public double LineSearchFunctionTolerance { get; init; } = 1e-3;

    /// <summary>gtol, the curvature constant η of the strong Wolfe conditions. Default 0.9.</summary>
    public double LineSearchGradientTolerance { get; init; } = 0.9;

    /// <summary>xtol, the relative width of the bracketing interval at which the line search stops. Default 0.1.</summary>
    public double LineSearchStepTolerance { get; init; } = 0.1;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        if (HistorySize < 1)
        {
            throw new ArgumentException($"{nameof(HistorySize)} must be at least 1 (was {HistorySize}).", nameof(HistorySize));
        }
        if (!(ProjectedGradientTolerance >= 0) || double.IsInfinity(ProjectedGradientTolerance))
        {
            throw new ArgumentException($"{nameof(ProjectedGradientTolerance)} must be finite and ≥ 0 (was {ProjectedGradientTolerance}).", nameof(ProjectedGradientTolerance));
        }
        if (!(RelativeReductionFactor >= 0) || double.IsInfinity(RelativeReductionFactor))
        {
            throw new ArgumentException($"{nameof(RelativeReductionFactor)} must be finite and ≥ 0 (was {RelativeReductionFactor}).", nameof(RelativeReductionFactor));
        }
        if (MaxIterations < 0)
        {
            throw new ArgumentException($"{nameof(MaxIterations)} must be ≥ 0 (was {MaxIterations}).", nameof(MaxIterations));
        }
        if (MaxEvaluations < 1)
        {
            throw new ArgumentException($"{nameof(MaxEvaluations)} must be ≥ 1 (was {MaxEvaluations}).", nameof(MaxEvaluations));
        }
        if (MaxLineSearchEvaluations < 1)
        {
            throw new ArgumentException($"{nameof(MaxLineSearchEvaluations)} must be ≥ 1 (was {MaxLineSearchEvaluations}).", nameof(MaxLineSearchEvaluations));
        }
        if (!(LineSearchFunctionTolerance > 0 && LineSearchFunctionTolerance < 1))
        {
            throw new ArgumentException($"{nameof(LineSearchFunctionTolerance)} must be in (0, 1) (was {LineSearchFunctionTolerance}).", nameof(LineSearchFunctionTolerance));
        }
        if (!(LineSearchGradientTolerance > 0 && LineSearchGradientTolerance < 1))
        {
            throw new ArgumentException($"{nameof(LineSearchGradientTolerance)} must be in (0, 1) (was {LineSearchGradientTolerance}).", nameof(LineSearchGradientTolerance));
        }
        if (!(LineSearchStepTolerance >= 0) || double.IsInfinity(LineSearchStepTolerance))
        {
            throw new ArgumentException($"{nameof(LineSearchStepTolerance)} must be finite and ≥ 0 (was {LineSearchStepTolerance}).", nameof(LineSearchStepTolerance));
        }
    }
}
