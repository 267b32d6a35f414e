namespace Scratch.Optim;

// Problem: step 4 of the outer loop (see LbfgsbSolver.cs): search along d = x̄ − x_k from x_k,
// one objective evaluation per trial, with the first-step and stpmax rules of lnsrlb, non-finite
// values shortening the step, and a failed search restoring x_k.
// Approach: the solver's half of the reverse communication with an ILineSearch. The saved
// x_k, g_k and the unit-step point x̄ are kept by swapping array references, not by copying:
// at the start of a search _x/_xOld and _g/_gOld trade places (so _xOld = x_k, _gOld = g_k and
// Tell writes the new gradient into the old array), and a unit-step trial trades _x with _z
// (x̄ itself, never x_k + (x̄ − x_k), which could round differently); a later non-unit trial
// trades them back first, so x̄ stays available for another unit step.
// References:
//   [1] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (lnsrlb).
//   [2] Moré & Thuente 1994, ACM TOMS 20(3).

/// <summary>The line-search half of <see cref="LbfgsbSolver"/>.</summary>
public sealed partial class LbfgsbSolver
{
    private void StartLineSearch()
    {
        (_x, _xOld) = (_xOld, _x);
        (_g, _gOld) = (_gOld, _g);
        _xIsZ = false;
        // d = x̄ − x_k, ‖d‖², gᵀd and the feasible step: from the subspace step's last sweep, or one pass here.
        var direction = _subspace.DirectionComputed
            ? _subspace.Direction
            : SearchDirection.Compute(_z, _xOld, _gOld, _d, _bounds, BigStep);
        double gd = direction.Slope;
        double dnorm = Math.Sqrt(direction.SquaredNorm);
        double stpmax = BigStep;
        if (_bounds.HasAnyBound)
        {
            stpmax = _iterations == 0 ? 1.0 : direction.MaxStep;
        }
        // First iteration: α₀ = min(1/‖d‖, stpmax) unless every variable is boxed (lnsrlb).
        double stp = _iterations == 0 && !_bounds.IsFullyBoxed ? Math.Min(1.0 / dnorm, stpmax) : 1.0;
        // x̄ is in the box, so stpmax ≥ 1 in exact arithmetic; rounding may put it just below.
        stp = Math.Min(stp, stpmax);
        _fOld = _f;
        _lineSearchEvaluations = 0;
        _lineSearchSawNonFinite = false;
        // gᵀd ≥ 0: not a descent direction, no line search is possible.
        if (!(gd < 0) || _lineSearch.Start(_f, gd, stp, 0.0, stpmax) == LineSearchStatus.Error)
        {
            OnLineSearchFailed();
            return;
        }
        SetTrialPoint();
    }

    private void SetTrialPoint()
    {
        if (_lineSearchEvaluations >= _options.MaxLineSearchEvaluations)
        {
            OnLineSearchFailed();
            return;
        }
        _lineSearchEvaluations++;
        double stp = _lineSearch.Step;
        if (stp == 1.0)
        {
            // The unit step is x̄ itself; taking its array avoids x_k + (x̄ − x_k) rounding.
            if (!_xIsZ)
            {
                (_x, _z) = (_z, _x);
                _xIsZ = true;
            }
        }
        else
        {
            if (_xIsZ)
            {
                (_x, _z) = (_z, _x);
                _xIsZ = false;
            }
            // x = x_k + α d
            _xOld.CopyTo(_x);
            VectorOps.Axpy(stp, _d, _x);
            // α ≤ stpmax keeps x in the box in exact arithmetic; clip the last-ulp excursions
            // so that the objective is never called outside the box.
            _bounds.Project(_x);
        }
        _phase = Phase.LineSearch;
    }

    // gd = φ′(α) = ∇f(x_k + αd)ᵀd; it is non-finite whenever f or any gradient entry is.
    private void OnTrialEvaluated(double gd)
    {
        if (!double.IsFinite(_f) || !double.IsFinite(gd))
        {
            DiscardFormedPair();
            _lineSearchSawNonFinite = true;
            _lineSearch.ShortenAfterNonFinite();
            SetTrialPoint();
            return;
        }
        switch (_lineSearch.Next(_f, gd))
        {
            case LineSearchStatus.Evaluate:
                DiscardFormedPair();
                SetTrialPoint();
                break;
            case LineSearchStatus.Error:
                DiscardFormedPair();
                OnLineSearchFailed();
                break;
            default:
                OnIterateAccepted();
                break;
        }
    }

    // The trial that Tell formed a pair for was not accepted: d and the spare trade back (the pending y is scratch).
    private void DiscardFormedPair()
    {
        if (_pairFormed)
        {
            _d = _bfgs.AdoptPendingS(_d);
            _pairFormed = false;
        }
    }

    private void OnLineSearchFailed()
    {
        RestoreIterate();
        if (_bfgs.Count == 0)
        {
            Finish(_lineSearchSawNonFinite ? LbfgsbStopReason.NonFiniteValueInLineSearch : LbfgsbStopReason.AbnormalLineSearchTermination);
            return;
        }
        // Discard the memory and retry from x_k with the steepest-descent model.
        _bfgs.Reset();
        BeginIteration();
    }

    // Back to x_k, g_k, f_k (the arrays trade places again; the trial point is not needed).
    private void RestoreIterate()
    {
        (_x, _xOld) = (_xOld, _x);
        (_g, _gOld) = (_gOld, _g);
        _xIsZ = false;
        _f = _fOld;
    }
}
