namespace Scratch.Optim;

// Problem: the everyday entry point — minimise a value-and-gradient callback under box
// constraints — without a second copy of the algorithm.
// Approach: a loop over the ask/tell LbfgsbSolver; the gradient buffer is allocated once.
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, SIAM J. Sci. Comput. 16(5).

/// <summary>Box-constrained minimisation with L-BFGS-B through a callback.</summary>
public static class Lbfgsb
{
    /// <summary>Minimises <paramref name="objective"/> subject to <paramref name="bounds"/> from <paramref name="x0"/>.</summary>
    /// <param name="objective">f(x) → value, writing ∇f(x) into its second argument.</param>
    /// <param name="x0">Starting point (projected into the box; not modified).</param>
    /// <param name="bounds">The box; null means unbounded.</param>
    /// <param name="options">Parameters; null means <see cref="LbfgsbOptions.Default"/>.</param>
    /// <param name="observer">Called after each accepted iterate; may stop the run.</param>
    public static LbfgsbResult Minimize(ValueAndGradient objective, ReadOnlySpan<double> x0, BoxBounds? bounds = null,
        LbfgsbOptions? options = null, IterationObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        // The solver's working memory goes back to the pool for the next minimisation.
        using var solver = new LbfgsbSolver(x0, bounds, options, observer);
        return Run(solver, objective);
    }

    /// <summary>Drives an existing solver to completion with <paramref name="objective"/>.</summary>
    public static LbfgsbResult Run(LbfgsbSolver solver, ValueAndGradient objective)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(objective);
        while (solver.Ask() == LbfgsbRequest.Evaluate)
        {
            // the gradient is written into the solver's own array: Tell copies nothing
            Span<double> gradient = solver.GradientBuffer;
            double value = objective(solver.Point, gradient);
            solver.Tell(value, gradient);
        }
        return solver.Result;
    }
}
