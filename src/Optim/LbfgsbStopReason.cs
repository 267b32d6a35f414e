namespace Scratch.Optim;

/// <summary>Why an L-BFGS-B run stopped.</summary>
public enum LbfgsbStopReason
{
    /// <summary>‖projected gradient‖∞ ≤ pgtol (includes a start that is already optimal, with 0 iterations).</summary>
    ProjectedGradientBelowTolerance,

    /// <summary>(f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ factr·ε_machine.</summary>
    RelativeReductionBelowTolerance,

    /// <summary>The iteration limit was reached.</summary>
    MaxIterations,

    /// <summary>The evaluation limit was reached (checked at each new iterate).</summary>
    MaxEvaluations,

    /// <summary>The iteration observer, or a call to <see cref="LbfgsbSolver.Stop"/>, asked to stop.</summary>
    StoppedByUser,

    /// <summary>
    /// The line search failed (no step satisfying the Wolfe conditions within the evaluation
    /// budget, or the search direction was not a descent direction) even after the memory was
    /// discarded and steepest descent tried: "ABNORMAL_TERMINATION_IN_LNSRCH" of the reference.
    /// </summary>
    AbnormalLineSearchTermination,

    /// <summary>
    /// The objective kept returning NaN or ±∞ during a line search and shortening the step
    /// (also after discarding the memory) did not reach finite values.
    /// </summary>
    NonFiniteValueInLineSearch,
}
