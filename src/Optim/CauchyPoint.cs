namespace Scratch.Optim;

// Problem: find the generalized Cauchy point x^c, the first local minimiser of the quadratic
// model m(x) = f + gᵀ(x − x_k) + ½ (x − x_k)ᵀ B (x − x_k) along the projected steepest-descent
// path x(t) = P(x_k − t g, l, u), t ≥ 0. Its active set is the working set of the iteration.
// Approach (BLNZ95 §4, "Algorithm CP"): the path is piecewise linear with breakpoints
//     t_i = (x_i − u_i)/g_i if g_i < 0,  (x_i − l_i)/g_i if g_i > 0,  ∞ otherwise;
// on each segment [t_{j−1}, t_j] the model is a 1-D quadratic in Δt with slope f′ and
// curvature f″; if its minimiser Δt* = −f′/f″ falls inside the segment we stop, otherwise the
// variable of the next breakpoint is fixed at its bound and f′, f″ are updated in O(m²)
// through the compact form B = θI − W M Wᵀ:
//     p = Wᵀd, c = Wᵀ(x(t_j) − x_k) accumulate so that no n-vector is touched per segment.
// Breakpoints come from a heap, so only the visited ones cost O(log n).
// Symbols: d the current path direction (−g on moving variables), f1 = f′, f2 = f″,
// dtm = Δt*, tsum the path length so far, z_b = x^c_b − x_b for the variable b fixed at a
// breakpoint. The vector c = Wᵀ(x^c − x_k) is returned for the subspace minimisation.
// Robustness: f″ is kept ≥ ε·f″₀ (the θdᵀd term), as L-BFGS-B 3.0 does, so rounding cannot make
// the curvature negative after many breakpoints; a path with zero slope returns x^c = x_k.
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, "A limited memory algorithm for bound constrained
//       optimization", SIAM J. Sci. Comput. 16(5), §4.
//   [2] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (routine cauchy).
//   [3] Morales & Nocedal 2011, "Remark on Algorithm 778", ACM TOMS 38(1).

/// <summary>Computes the generalized Cauchy point; an internal seam so tests can substitute a broken one.</summary>
internal interface ICauchyPointFinder
{
    /// <summary>
    /// Writes x^c into <paramref name="xcp"/>, c = Wᵀ(x^c − x) into <paramref name="c"/>
    /// (length 2·bfgs.Count) and updates <paramref name="status"/> (who is at a bound at x^c).
    /// <paramref name="wtD"/>, when not empty, is Wᵀd for the path's first direction d, carried from
    /// the pair update (which saw the same x, g, status and W).
    /// </summary>
    void Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> g, BoxBounds bounds, CompactBfgsMatrix bfgs,
        Span<sbyte> status, Span<double> xcp, Span<double> c, ReadOnlySpan<double> wtD);
}

/// <summary>The generalized Cauchy point of BLNZ95 §4 with O(n) work vectors allocated once.</summary>
internal sealed class CauchyPoint : ICauchyPointFinder
{
    private readonly double[] _d;            // path direction: −g_i on variables still moving, else 0
    private readonly BreakpointHeap _heap;   // breakpoints not yet visited
    private readonly double[] _p;            // p = Wᵀd, updated as variables reach their bounds
    private readonly double[] _v;            // M·(something), 2m scratch
    private readonly double[] _wb;           // row b of W

    public CauchyPoint(int dimension, int historySize, SolverMemory? memory = null)
    {
        _d = SolverMemory.Take<double>(memory, dimension);
        _heap = new BreakpointHeap(dimension, memory);
        _p = SolverMemory.Take<double>(memory, 2 * historySize);
        _v = SolverMemory.Take<double>(memory, 2 * historySize);
        _wb = SolverMemory.Take<double>(memory, 2 * historySize);
    }

    /// <inheritdoc/>
    public void Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> g, BoxBounds bounds, CompactBfgsMatrix bfgs,
        Span<sbyte> status, Span<double> xcp, Span<double> c, ReadOnlySpan<double> wtD)
    {
        int n = x.Length, col = bfgs.Count;
        double theta = bfgs.Theta;
        ReadOnlySpan<double> lower = bounds.Lower, upper = bounds.Upper;
        x.CopyTo(xcp);
        c.Clear();
        _heap.Clear();
        double f1 = 0;
        bool bounded = true;  // every moving variable has a breakpoint
        for (int i = 0; i < n; i++)
        {
            double neg = -g[i];
            bool hasL = bounds.HasLower(i), hasU = bounds.HasUpper(i);
            // Which variables are at a bound and pushed against it at x_k.
            sbyte st = VariableStatus.AtPathStart(status[i], x[i], neg, lower[i], upper[i]);
            status[i] = st;
            if (!VariableStatus.MovesAlongPath(st))
            {
                _d[i] = 0;
                continue;
            }
            _d[i] = neg;
            // f′(0) = gᵀd = −dᵀd
            f1 -= neg * neg;
            if (hasL && neg < 0)
            {
                // t_i = (x_i − l_i) / g_i
                _heap.Add((x[i] - lower[i]) / -neg, i);
            }
            else if (hasU && neg > 0)
            {
                // t_i = (x_i − u_i) / g_i
                _heap.Add((upper[i] - x[i]) / neg, i);
            }
            else if (neg != 0)
            {
                bounded = false;
            }
        }
        // Nothing moves along the path (projected gradient zero): the Cauchy point is x_k.
        if (f1 == 0)
        {
            return;
        }
        int nbreak = _heap.Count;
        Span<double> p = _p.AsSpan(0, 2 * col), v = _v.AsSpan(0, 2 * col), wb = _wb.AsSpan(0, 2 * col);
        // p = Wᵀd (carried from the pair update when it took it)
        if (col > 0 && !wtD.IsEmpty)
        {
            wtD.CopyTo(p);
        }
        else if (col > 0)
        {
            bfgs.MultiplyWTranspose(_d, p);
        }
        // f″(0) = dᵀBd = θdᵀd − pᵀMp
        double f2 = -theta * f1;
        double f2Initial = f2;
        if (col > 0)
        {
            bfgs.ApplyM(p, v);
            f2 -= VectorOps.Dot(v, p);
        }
        // Δt* = −f′/f″, the minimiser on the current segment
        double dtm = -f1 / f2;
        double tsum = 0;
        if (nbreak > 0)
        {
            _heap.Build();
            int nleft = nbreak;
            double tj = 0;
            while (true)
            {
                double tj0 = tj;
                (tj, int b) = _heap.Pop();
                double dt = tj - tj0;
                if (dtm < dt)
                {
                    break; // the minimiser lies before the next breakpoint
                }
                tsum += dt;
                nleft--;
                double db = _d[b];
                _d[b] = 0;
                double zb;
                if (db > 0)
                {
                    zb = upper[b] - x[b];
                    xcp[b] = upper[b];
                    status[b] = VariableStatus.AtUpper;
                }
                else
                {
                    zb = lower[b] - x[b];
                    xcp[b] = lower[b];
                    status[b] = VariableStatus.AtLower;
                }
                if (nleft == 0 && nbreak == n)
                {
                    // Every variable is at a bound: x^c is the corner; c gets the last segment.
                    VectorOps.Axpy(dt, p, c);
                    return;
                }
                // f′ ← f′ + Δt f″ + g_b² + θ g_b z_b − g_b w_bᵀ M c   (with d_b = −g_b)
                // f″ ← f″ − θ g_b² − 2 g_b w_bᵀ M p − g_b² w_bᵀ M w_b
                double db2 = db * db;
                f1 = f1 + dt * f2 + db2 - theta * db * zb;
                f2 -= theta * db2;
                if (col > 0)
                {
                    // c ← c + Δt p
                    VectorOps.Axpy(dt, p, c);
                    bfgs.WRow(b, wb);
                    bfgs.ApplyM(wb, v);
                    double wmc = VectorOps.Dot(c, v), wmp = VectorOps.Dot(p, v), wmw = VectorOps.Dot(wb, v);
                    // p ← p + g_b w_b
                    VectorOps.Axpy(-db, wb, p);
                    f1 += db * wmc;
                    f2 += 2.0 * db * wmp - db2 * wmw;
                }
                f2 = Math.Max(Eps * f2Initial, f2);
                if (nleft > 0)
                {
                    dtm = -f1 / f2;
                    continue;
                }
                // Every breakpoint passed: the remaining path is a ray (or empty when bounded).
                dtm = bounded ? 0 : -f1 / f2;
                break;
            }
        }
        if (dtm <= 0)
        {
            dtm = 0;
        }
        tsum += dtm;
        // x^c = x_k + t* d on the variables still moving (the others were set to their bound)
        VectorOps.Axpy(tsum, _d, xcp);
        // c = Wᵀ(x^c − x_k)
        VectorOps.Axpy(dtm, p, c);
    }

    private const double Eps = 2.220446049250313e-16; // ε_machine (double)
}
