using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scratch.Optim;

// Problem: the line search of an iteration needs the direction d = x̄ − x_k, its length ‖d‖ (first
// iteration), the slope gᵀd and, with bounds, the largest step that keeps x_k + αd in the box
// (lnsrlb's stpmax). As a pass of its own this re-reads x̄, x_k, g (and l, u) after the subspace
// step has just written x̄, and its two sums are sequential scalar chains.
// Approach: accumulate all four chunk by chunk, in index order, inside the subspace step's last
// sweep while its chunk of x̄ is in L1 (SubspaceMinimization), or over the whole vectors when that
// sweep did not run. The sums are sequential (d₀d₀ + d₁d₁ + …, as the reference's ddot loop is not)
// because that is what the iterates were pinned to; chunking a sequential loop leaves its bits.
// The step bound is order-dependent too (each candidate is compared with the current bound) and is
// likewise taken in index order.
// References:
//   [1] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (lnsrlb).

/// <summary>d = x̄ − x_k with ‖d‖², gᵀd and the largest feasible step, accumulated chunk by chunk.</summary>
internal struct SearchDirection
{
    /// <summary>‖d‖² (sequential sum).</summary>
    public double SquaredNorm;

    /// <summary>gᵀd (sequential sum).</summary>
    public double Slope;

    /// <summary>The largest α ≤ the limit with x_k + αd in the box (the limit when nothing is bounded).</summary>
    public double MaxStep;

    /// <summary>Starts the sums; <paramref name="limit"/> caps the feasible step.</summary>
    public SearchDirection(double limit)
    {
        MaxStep = limit;
    }

    /// <summary>The whole direction in one call (when no fused sweep produced it).</summary>
    public static SearchDirection Compute(ReadOnlySpan<double> z, ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> d,
        BoxBounds bounds, double limit)
    {
        var direction = new SearchDirection(limit);
        direction.Add(z, x, g, d, bounds.HasAnyBound, bounds.Lower, bounds.Upper);
        return direction;
    }

    /// <summary>Adds one chunk (the next in index order): writes d = z − x over it.</summary>
    public void Add(ReadOnlySpan<double> z, ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> d,
        bool bounded, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        int n = z.Length;
        ref double rz = ref MemoryMarshal.GetReference(z);
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double rg = ref MemoryMarshal.GetReference(g);
        ref double rd = ref MemoryMarshal.GetReference(d);
        double dd = SquaredNorm, gd = Slope;
        for (int i = 0; i < n; i++)
        {
            // d = x̄ − x_k, ‖d‖² and gᵀd
            double di = Unsafe.Add(ref rz, i) - Unsafe.Add(ref rx, i);
            Unsafe.Add(ref rd, i) = di;
            dd += di * di;
            gd += Unsafe.Add(ref rg, i) * di;
        }
        SquaredNorm = dd;
        Slope = gd;
        if (bounded)
        {
            MaxStep = BoxBounds.MaxFeasibleStep(x, d, lower, upper, MaxStep);
        }
    }
}
