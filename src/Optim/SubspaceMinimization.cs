using System.Numerics;
using System.Runtime.Intrinsics;

namespace Scratch.Optim;

// Problem: from the generalized Cauchy point x^c, minimise the quadratic model over the
// variables that are free at x^c (the others stay at their bounds), then bring the result back
// into the box. The point found, x̄, gives the search direction d = x̄ − x_k.
// Approach: the direct primal method of BLNZ95 §5.1. With Z the n × t matrix selecting the t
// free variables, the reduced model has Hessian B̂ = ZᵀBZ = θI − ZᵀW M WᵀZ and gradient
//     r̂ = Zᵀ(g + B(x^c − x_k)) = Zᵀ(g + θ(x^c − x_k) − W M c),   c = Wᵀ(x^c − x_k);
// the unconstrained reduced Newton step is d̂ = −B̂⁻¹r̂, and Sherman–Morrison–Woodbury gives
//     B̂⁻¹ = (1/θ) I + (1/θ²) ZᵀW K⁻¹ WᵀZ,   K = M⁻¹ − (1/θ) WᵀZZᵀW (2m × 2m),
// so only 2m-vectors and a 2m × 2m solve are needed besides two O(m·n) products. K has the
// block form [−A Cᵀ; C E] with
//     A = D + (1/θ) YᵀZZᵀY  (positive definite),  C = L − SᵀZZᵀY,  E = θ(SᵀS − SᵀZZᵀS),
// and is solved by block elimination with the Schur complement E + C A⁻¹ Cᵀ (positive definite
// when B̂ is), both through Cholesky; a failed factorisation is reported so the caller can
// discard the memory, as the reference does.
// Back to the box (Morales & Nocedal 2011): project x^c + Z d̂ onto the box; if no bound was
// hit, or if the projected point still gives a descent direction, (x̄ − x_k)ᵀg ≤ 0, take it;
// otherwise fall back to the original rule of BLNZ95: the largest α ≤ 1 with x^c + α Z d̂
// feasible, the variable that limits α being put exactly on its bound.
// Passes over n: two sweeps, each reading every stored vector once in L1-sized chunks —
// (1) W M c, r̂ and u = WᵀZr̂ together; (2) W M c and W q, r̂ again (it is not stored: recomputing
// it from data the sweep reads anyway costs no stream), d̂ and the projected x̄ together, and with them
// the solver's search direction d = x̄ − x_k, ‖d‖², gᵀd and the feasible step (SearchDirection),
// whose gᵀd is also the Morales–Nocedal descent test. In the unbounded case r̂ = −g and
// u = Wᵀ(−g) is carried from the pair update, so sweep (1) vanishes.
// The per-element arithmetic and the chunk order of the sums are those of the separate passes.
// Symbols: r̂ (zero off the free set; one chunk at a time, or _r when u = Wᵀr̂ is not carried in
// the unbounded case), d̂ (_d, an n-vector with zeros off the free set), u = WᵀZr̂, q = K⁻¹u,
// θ (theta).
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, "A limited memory algorithm for bound constrained
//       optimization", SIAM J. Sci. Comput. 16(5), §5 and §5.1 (direct primal method).
//   [2] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (cmprlb, formk, subsm).
//   [3] Morales & Nocedal 2011, "Remark on Algorithm 778: L-BFGS-B", ACM TOMS 38(1), §2.
//   [4] Nocedal & Wright 2006, Numerical Optimization, 2nd ed., §16.7 and (A.28) (SMW formula).

/// <summary>Direct primal subspace minimisation with the Morales–Nocedal projection.</summary>
internal sealed partial class SubspaceMinimization
{
    private readonly double[] _r;      // r̂ = −g (unbounded, Cauchy point skipped) when Wᵀ(−g) is not carried
    private readonly double[] _d;      // d̂, the reduced Newton step (0 off the free set)
    private readonly double[] _wu;     // one chunk of W·(2m-vector)
    private readonly double[] _wmc;    // one chunk of W M c
    private readonly double[] _rChunk; // one chunk of r̂
    private readonly double[] _mc;     // M c, kept from sweep (1) for sweep (2)
    private readonly double[] _u;      // u = WᵀZr̂, then scratch
    private readonly double[] _q;      // q = K⁻¹u
    private readonly double[] _a;      // Cholesky factor of A (m × m)
    private readonly double[] _cMat;   // C (m × m)
    private readonly double[] _schur;  // E + C A⁻¹ Cᵀ, then its Cholesky factor (m × m)
    private readonly double[] _col;    // m scratch
    private readonly double[] _ainvCt; // A⁻¹Cᵀ (m × m, column j in row j)
    private readonly int _m;

    public SubspaceMinimization(int dimension, int historySize, SolverMemory? memory = null)
    {
        _m = historySize;
        _r = SolverMemory.Take<double>(memory, dimension);
        _d = SolverMemory.Take<double>(memory, dimension);
        _wu = SolverMemory.Take<double>(memory, VectorOps.ChunkLength);
        _u = SolverMemory.Take<double>(memory, 2 * _m);
        _mc = SolverMemory.Take<double>(memory, 2 * _m);
        _wmc = SolverMemory.Take<double>(memory, VectorOps.ChunkLength);
        _rChunk = SolverMemory.Take<double>(memory, VectorOps.ChunkLength);
        _q = SolverMemory.Take<double>(memory, 2 * _m);
        _a = SolverMemory.Take<double>(memory, _m * _m);
        _cMat = SolverMemory.Take<double>(memory, _m * _m);
        _schur = SolverMemory.Take<double>(memory, _m * _m);
        _col = SolverMemory.Take<double>(memory, _m);
        _ainvCt = SolverMemory.Take<double>(memory, _m * _m);
    }

    /// <summary>
    /// Writes the subspace minimiser x̄ into <paramref name="z"/>. <paramref name="cauchySkipped"/>
    /// means x^c = x_k and c = 0 (unbounded problem with memory). Returns false when K is not
    /// positive definite in the sense above (the memory should be reset).
    /// </summary>
    public bool Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> xcp, ReadOnlySpan<double> c,
        ReadOnlySpan<sbyte> status, BoxBounds bounds, CompactBfgsMatrix bfgs, bool cauchySkipped, Span<double> z) =>
        Compute(x, g, xcp, c, status, bounds, bfgs, cauchySkipped, z, default, default, 0);

    /// <summary>
    /// True when the last Compute also wrote the search direction and
    /// <see cref="Direction"/> holds its sums (its sweep ran and x̄ was not changed after it).
    /// </summary>
    public bool DirectionComputed { get; private set; }

    /// <summary>‖d‖², gᵀd and the feasible step of the direction written by the last Compute.</summary>
    public SearchDirection Direction { get; private set; }

    /// <summary>
    /// As above; <paramref name="wtNegG"/>, when not empty, is Wᵀ(−g) for the current W, carried
    /// from the pair update (then the unbounded path skips its Wᵀr̂ pass: there r̂ = −g); and when
    /// <paramref name="direction"/> is not empty, d = x̄ − x is written into it in the same sweep
    /// (see <see cref="DirectionComputed"/>), the feasible step capped at <paramref name="stepLimit"/>.
    /// </summary>
    internal bool Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> xcp, ReadOnlySpan<double> c,
        ReadOnlySpan<sbyte> status, BoxBounds bounds, CompactBfgsMatrix bfgs, bool cauchySkipped, Span<double> z,
        ReadOnlySpan<double> wtNegG, Span<double> direction, double stepLimit)
    {
        DirectionComputed = false;
        int n = x.Length, col = bfgs.Count;
        // Without bounds every variable is free (status Unbounded) and Z never changes.
        int nfree = bounds.HasAnyBound ? CountFree(status) : n;
        if (col == 0 || nfree == 0)
        {
            xcp.CopyTo(z);
            return true; // no curvature information or nothing free: x̄ = x^c
        }
        if (bounds.HasAnyBound)
        {
            bfgs.SyncFreeSet(status);
        }
        Span<double> u = _u.AsSpan(0, 2 * col), q = _q.AsSpan(0, 2 * col);
        if (cauchySkipped)
        {
            // x^c = x_k, c = 0: r̂ = −g (every variable is free in an unbounded problem); u = Wᵀr̂
            if (wtNegG.IsEmpty)
            {
                for (int i = 0; i < n; i++)
                {
                    _r[i] = -g[i];
                }
                bfgs.MultiplyWTranspose(_r, u);
            }
            else
            {
                wtNegG.CopyTo(u);
            }
        }
        else
        {
            ReducedResidualAndProduct(x, g, xcp, c, status, bfgs, u);
        }
        if (!SolveK(bfgs, u, q))
        {
            return false;
        }
        StepAndProject(x, g, xcp, status, bounds, bfgs, cauchySkipped, q, z, direction, stepLimit);
        return true;
    }

    private static int CountFree(ReadOnlySpan<sbyte> status)
    {
        int nfree = 0, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= status.Length - 64; i += 64)
            {
                // free ⇔ status ≤ 0 (VariableStatus.IsFree), 64 at a time
                nfree += BitOperations.PopCount(Vector512.LessThanOrEqual(Vector512.Create(status.Slice(i, 64)), Vector512<sbyte>.Zero).ExtractMostSignificantBits());
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= status.Length - 32; i += 32)
            {
                nfree += BitOperations.PopCount(Vector256.LessThanOrEqual(Vector256.Create(status.Slice(i, 32)), Vector256<sbyte>.Zero).ExtractMostSignificantBits());
            }
        }
        for (; i < status.Length; i++)
        {
            nfree += VariableStatus.IsFree(status[i]) ? 1 : 0;
        }
        return nfree;
    }

    // One sweep: r̂ = −Zᵀ(g + θ(x^c − x_k) − W M c), zero off the free set, and u = WᵀZr̂ while
    // each chunk of W is in L1.
    private void ReducedResidualAndProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> xcp,
        ReadOnlySpan<double> c, ReadOnlySpan<sbyte> status, CompactBfgsMatrix bfgs, Span<double> u)
    {
        int n = x.Length, col = bfgs.Count;
        double theta = bfgs.Theta;
        Span<double> mc = _mc.AsSpan(0, 2 * col);
        bfgs.ApplyM(c, mc);
        bfgs.BeginMultiplyW(mc);
        u.Clear();
        for (int start = 0; start < n; start += VectorOps.ChunkLength)
        {
            int len = Math.Min(VectorOps.ChunkLength, n - start);
            Span<double> wu = _wu.AsSpan(0, len), r = _rChunk.AsSpan(0, len);
            // W M c
            bfgs.MultiplyWChunk(start, wu);
            FreeSetKernels.ReducedResidual(status.Slice(start, len), g.Slice(start, len), xcp.Slice(start, len),
                x.Slice(start, len), wu, theta, r);
            bfgs.AccumulateWTransposeChunk(start, r, u);
        }
        bfgs.ScaleWTranspose(u);
    }

    // One sweep: d̂ = (1/θ) r̂ + (1/θ²) ZᵀW q, then x̄ = x^c + d̂ (unbounded) or the projected
    // point with the Morales–Nocedal test (bounded); and, when asked, d = x̄ − x_k with its sums.
    private void StepAndProject(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> xcp,
        ReadOnlySpan<sbyte> status, BoxBounds bounds, CompactBfgsMatrix bfgs, bool cauchySkipped,
        ReadOnlySpan<double> q, Span<double> z, Span<double> direction, double stepLimit)
    {
        int n = x.Length;
        double invTheta = 1.0 / bfgs.Theta, invTheta2 = invTheta * invTheta;
        ReadOnlySpan<double> lower = bounds.Lower, upper = bounds.Upper;
        bool hitBound = false, bounded = bounds.HasAnyBound, fused = !direction.IsEmpty;
        var sums = new SearchDirection(stepLimit);
        BeginStep(bfgs, cauchySkipped, q);
        for (int start = 0; start < n; start += VectorOps.ChunkLength)
        {
            int len = Math.Min(VectorOps.ChunkLength, n - start);
            hitBound |= StepChunk(start, len, x, g, xcp, status, bounds, bfgs, cauchySkipped, invTheta, invTheta2, _d.AsSpan(start, len), z);
            if (fused)
            {
                sums.Add(z.Slice(start, len), x.Slice(start, len), g.Slice(start, len), direction.Slice(start, len),
                    bounded, lower.Slice(start, len), upper.Slice(start, len));
            }
        }
        // Morales & Nocedal 2011: keep the projected point P(x^c + Zd̂) when it is a descent
        // direction from x_k, (x̄ − x_k)ᵀg_k ≤ 0 (the slope of the fused sums is that very sum),
        // else take the original truncation x^c + αZd̂ of BLNZ95 §5.1.
        if (hitBound && (fused ? sums.Slope : Slope(x, g, z)) > 0)
        {
            Backtrack(xcp, status, bounds, z);
            fused = false; // x̄ changed after the sweep: the solver recomputes d
        }
        DirectionComputed = fused;
        Direction = sums;
    }

    // W q for the chunks of sweep (2), and W M c with it when r̂ is recomputed (Cauchy point not skipped).
    private void BeginStep(CompactBfgsMatrix bfgs, bool cauchySkipped, ReadOnlySpan<double> q)
    {
        if (cauchySkipped)
        {
            bfgs.BeginMultiplyW(q);
        }
        else
        {
            bfgs.BeginMultiplyW(_mc.AsSpan(0, q.Length), q);
        }
    }

    // One chunk of sweep (2): x̄ (and d̂ when bounded) from W q and r̂, r̂ recomputed exactly as
    // sweep (1) formed it. Returns true when a free x̄_i lies on a bound.
    private bool StepChunk(int start, int len, ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> xcp,
        ReadOnlySpan<sbyte> status, BoxBounds bounds, CompactBfgsMatrix bfgs, bool cauchySkipped, double invTheta, double invTheta2,
        Span<double> dChunk, Span<double> z)
    {
        Span<double> wu = _wu.AsSpan(0, len), r = cauchySkipped ? _r.AsSpan(start, len) : _rChunk.AsSpan(0, len);
        if (cauchySkipped)
        {
            bfgs.MultiplyWChunk(start, wu);
        }
        else
        {
            Span<double> wmc = _wmc.AsSpan(0, len);
            bfgs.MultiplyWChunk(start, wmc, wu);
            FreeSetKernels.ReducedResidual(status.Slice(start, len), g.Slice(start, len), xcp.Slice(start, len),
                x.Slice(start, len), wmc, bfgs.Theta, r);
        }
        if (!bounds.HasAnyBound)
        {
            // Every variable free and nothing to project: x̄ = x^c + ((1/θ) r̂ + (1/θ²) W q), with
            // r̂ = −g when the Cauchy point was skipped ((1/θ)(−g) is exactly (−1/θ) g).
            ElementwiseOps.AddCombination(xcp.Slice(start, len), cauchySkipped ? -invTheta : invTheta,
                cauchySkipped ? g.Slice(start, len) : r, invTheta2, wu, z.Slice(start, len));
            return false;
        }
        ReadOnlySpan<double> lower = bounds.Lower.Slice(start, len), upper = bounds.Upper.Slice(start, len);
        return FreeSetKernels.StepAndProject(status.Slice(start, len), r, wu, xcp.Slice(start, len),
            lower, upper, invTheta, invTheta2, dChunk, z.Slice(start, len));
    }

    // (x̄ − x_k)ᵀ g_k, summed in index order.
    private static double Slope(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> z)
    {
        double slope = 0;
        for (int i = 0; i < x.Length; i++)
        {
            slope += (z[i] - x[i]) * g[i];
        }
        return slope;
    }

    // The original rule of BLNZ95 §5.1: x̄ = x^c + α d̂ with the largest α ≤ 1 in the box.
    private void Backtrack(ReadOnlySpan<double> xcp, ReadOnlySpan<sbyte> status, BoxBounds bounds, Span<double> z)
    {
        int n = xcp.Length;
        ReadOnlySpan<double> lower = bounds.Lower, upper = bounds.Upper;
        // Largest α ≤ 1 keeping x^c + α d̂ in the box.
        double alpha = 1;
        int limiting = -1;
        for (int i = 0; i < n; i++)
        {
            if (!VariableStatus.IsFree(status[i]))
            {
                continue;
            }
            double di = _d[i], candidate = alpha;
            if (di < 0 && bounds.HasLower(i))
            {
                double room = lower[i] - xcp[i];
                candidate = room >= 0 ? 0 : di * alpha < room ? room / di : alpha;
            }
            else if (di > 0 && bounds.HasUpper(i))
            {
                double room = upper[i] - xcp[i];
                candidate = room <= 0 ? 0 : di * alpha > room ? room / di : alpha;
            }
            if (candidate < alpha)
            {
                alpha = candidate;
                limiting = i;
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (VariableStatus.IsFree(status[i]))
            {
                // x̄ = x^c + α d̂
                z[i] = xcp[i] + alpha * _d[i];
            }
        }
        if (limiting >= 0)
        {
            z[limiting] = _d[limiting] > 0 ? upper[limiting] : lower[limiting];
        }
    }
}
