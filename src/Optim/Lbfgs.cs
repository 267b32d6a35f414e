namespace Scratch.Optim;

// Problem: unconstrained minimisation with limited-memory BFGS.
// Approach: L-BFGS-B with every bound infinite. The solver then skips the Cauchy point once
// pairs exist and takes the full quasi-Newton step −B⁻¹g through the same compact-form code
// (B⁻¹ by the Sherman–Morrison–Woodbury formula with Z = I), so there is no second
// implementation (e.g. a two-loop recursion) to keep in step.
// References:
//   [1] Liu & Nocedal 1989, "On the limited memory BFGS method for large scale optimization",
//       Math. Programming 45.
//   [2] Byrd, Lu, Nocedal & Zhu 1995, SIAM J. Sci. Comput. 16(5), §5.1.

/// <summary>Unconstrained L-BFGS, a thin front for <see cref="Lbfgsb"/> with no bounds.</summary>
public static class Lbfgs
{
    /// <summary>Minimises <paramref name="objective"/> from <paramref name="x0"/> without bounds.</summary>
    public static LbfgsbResult Minimize(ValueAndGradient objective, ReadOnlySpan<double> x0,
        LbfgsbOptions? options = null, IterationObserver? observer = null) =>
        Lbfgsb.Minimize(objective, x0, BoxBounds.Unbounded(x0.Length), options, observer);
}
