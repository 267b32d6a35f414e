namespace Scratch.Optim;

// Problem: step 5 of the outer loop (see LbfgsbSolver.cs): at an accepted iterate x_{k+1},
// apply the two convergence tests in the reference's order, store the pair s = αd,
// y = g_{k+1} − g_k when sᵀy > ε·yᵀy, then call the observer and check the limits; and build
// the result when the run ends.
// Approach: PairUpdate forms the pair in the memory's spare slot in the same sweep that gives
// ‖P(x − g) − x‖∞, so the tests cost no pass of their own; the pair is committed only when the
// run goes on and the curvature guard passes. The sweep also carries Wᵀd for the next Cauchy
// path's first direction (Wᵀ(−g_{k+1}) for an unbounded problem, the next subspace step's).
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, SIAM J. Sci. Comput. 16(5), §6 (the algorithm).
//   [2] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (mainlb).

/// <summary>The accepted-iterate half of <see cref="LbfgsbSolver"/>.</summary>
public sealed partial class LbfgsbSolver
{
    // Step 5: convergence tests, memory update, observer, limits.
    private void OnIterateAccepted()
    {
        _iterations++;
        // One sweep forms the pair in the memory's spare slot, its Gram rows and the norm below.
        double stp = _lineSearch.Step;
        if (_pairFormed && stp != 1.0)
        {
            DiscardFormedPair();
        }
        if (_pairFormed)
        {
            // A unit-step trial: Tell's sweep already formed the pair (s = d adopted).
            _pairFormed = false;
        }
        else
        {
            if (stp == 1.0)
            {
                // s = 1·d is d bit for bit: the direction's array becomes the pending s (no pass), and d takes the spare.
                _d = _bfgs.AdoptPendingS(_d);
            }
            _pairs.Form(stp, stp == 1.0 ? default : _d, default, _g, _gOld, _x, _status, _bounds, _bfgs);
        }
        double pgNorm = _pairs.ProjectedGradientNorm;
        if (pgNorm <= _options.ProjectedGradientTolerance)
        {
            Finish(LbfgsbStopReason.ProjectedGradientBelowTolerance);
            return;
        }
        // (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ factr·ε
        double scale = Math.Max(Math.Max(Math.Abs(_fOld), Math.Abs(_f)), 1.0);
        if (_fOld - _f <= _factrTolerance * scale)
        {
            Finish(LbfgsbStopReason.RelativeReductionBelowTolerance);
            return;
        }
        UpdateMemory();
        if (_observer is not null &&
            _observer(new LbfgsbProgress(_iterations, _evaluations, _f, pgNorm, _x, _g)) == IterationDecision.Stop)
        {
            Finish(LbfgsbStopReason.StoppedByUser);
        }
        else if (_iterations >= _options.MaxIterations)
        {
            Finish(LbfgsbStopReason.MaxIterations);
        }
        else if (_evaluations >= _options.MaxEvaluations)
        {
            Finish(LbfgsbStopReason.MaxEvaluations);
        }
        else
        {
            BeginIteration();
        }
    }

    private void UpdateMemory()
    {
        double sTy = _pairs.STY, yTy = _pairs.YTY;
        // Curvature guard: skip the pair unless sᵀy > ε·yᵀy, which keeps B positive definite
        // (the Wolfe conditions give sᵀy > 0 in exact arithmetic; this catches rounding).
        if (!(sTy > Eps * yTy))
        {
            return;
        }
        int col = Math.Min(_bfgs.Count + 1, _options.HistorySize);
        if (!_bfgs.CommitPending(sTy, yTy, _wtNext.AsSpan(0, 2 * col)))
        {
            // T not positive definite (numerically dependent pairs): discard the memory.
            _bfgs.Reset();
            return;
        }
        _wtNextValid = true;
    }

    private void Finish(LbfgsbStopReason reason)
    {
        _phase = Phase.Done;
        var active = new ActiveBound[_n];
        ReadOnlySpan<double> lower = _bounds.Lower, upper = _bounds.Upper;
        for (int i = 0; i < _n; i++)
        {
            active[i] = (_x[i] == lower[i] ? ActiveBound.Lower : ActiveBound.None)
                | (_x[i] == upper[i] ? ActiveBound.Upper : ActiveBound.None);
        }
        _result = new LbfgsbResult((double[])_x.Clone(), _f, (double[])_g.Clone(),
            _bounds.ProjectedGradientNorm(_x, _g), _iterations, _evaluations, reason, active);
    }
}
