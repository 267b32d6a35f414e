namespace Scratch.Optim;

// Problem: along a descent direction d from x_k, find a step α > 0 satisfying the strong
// Wolfe conditions for φ(α) = f(x_k + αd):
//     φ(α) ≤ φ(0) + ftol·α·φ′(0)         (sufficient decrease)
//     |φ′(α)| ≤ gtol·|φ′(0)|              (curvature)
// Approach: the Moré–Thuente algorithm, as a reverse-communication state machine (the caller
// evaluates φ and φ′ at Step and calls Next), so it fits the ask/tell solver. Stage 1 works on
// the auxiliary function ψ(α) = φ(α) − φ(0) − ftol·α·φ′(0) until a step with ψ ≤ 0 and
// φ′ ≥ 0 is found, then stage 2 works on φ itself; each new trial comes from
// MoreThuenteStep. Once the minimiser is bracketed, a bisection is forced when the interval
// does not shrink by a factor 0.66 in two trials; before that, trials extrapolate within
// [stp + 1.1(stp − stx), stp + 4(stp − stx)]. The search stops with a warning (the current
// step is then used) when the interval is narrower than xtol relative to its upper end, when
// rounding errors prevent progress, or at stpmax / stpmin.
// Robustness: when the objective returns NaN or ±∞ at a trial, the caller asks for
// ShortenAfterNonFinite, which halves the step towards the best finite step and makes it the
// new maximum, so later trials stay inside the region where φ was finite (see LbfgsbSolver).
// Symbols: stx / fx / gx the best step so far, sty / fy / gy the other end of the interval,
// stmin / stmax the current trial range, finit / ginit φ(0) and φ′(0), gtest = ftol·ginit.
// References:
//   [1] Moré & Thuente 1994, "Line search algorithms with guaranteed sufficient decrease",
//       ACM TOMS 20(3), §2–§4.
//   [2] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (dcsrch as used by lnsrlb).
//   [3] Nocedal & Wright 2006, Numerical Optimization, 2nd ed., (3.7) (strong Wolfe conditions).

/// <summary>Outcome of one line-search step.</summary>
internal enum LineSearchStatus
{
    /// <summary>Evaluate φ and φ′ at <see cref="ILineSearch.Step"/> and call Next.</summary>
    Evaluate,

    /// <summary>The strong Wolfe conditions hold at Step.</summary>
    Converged,

    /// <summary>Stopped without the Wolfe conditions (xtol, rounding, stpmin/stpmax); Step is still usable.</summary>
    Warning,

    /// <summary>Invalid input (e.g. not a descent direction).</summary>
    Error,
}

/// <summary>A reverse-communication line search; an internal seam so tests can substitute a broken one.</summary>
internal interface ILineSearch
{
    /// <summary>The current trial step.</summary>
    double Step { get; }

    /// <summary>Starts a search from φ(0) = <paramref name="f0"/>, φ′(0) = <paramref name="g0"/> with first trial <paramref name="step"/>.</summary>
    LineSearchStatus Start(double f0, double g0, double step, double stepMin, double stepMax);

    /// <summary>Reports φ(Step), φ′(Step) and returns what to do next.</summary>
    LineSearchStatus Next(double f, double g);

    /// <summary>The last trial gave a non-finite value: shorten the step towards the best finite one.</summary>
    void ShortenAfterNonFinite();
}

/// <summary>The Moré–Thuente line search ("dcsrch").</summary>
internal sealed class MoreThuenteLineSearch : ILineSearch
{
    private const double ExtrapolateLower = 1.1;  // xtrapl: min extrapolation factor
    private const double ExtrapolateUpper = 4.0;  // xtrapu: max extrapolation factor
    private const double Shrink = 0.66;           // required shrink of the interval over two trials

    private readonly double _ftol, _gtol, _xtol;
    private bool _bracketed;          // the minimiser is known to lie between stx and sty
    private int _stage;               // 1: work on ψ, 2: work on φ
    private double _finit, _ginit;    // φ(0), φ′(0)
    private double _gtest;            // ftol·φ′(0)
    private double _width, _width1;   // interval widths of the last two bracketing steps
    private double _stx, _fx, _gx;    // best step, its value and derivative
    private double _sty, _fy, _gy;    // other end of the interval
    private double _stmin, _stmax;    // range for the next trial
    private double _stpmin, _stpmax;  // hard limits on the step

    public MoreThuenteLineSearch(double ftol, double gtol, double xtol)
    {
        _ftol = ftol;
        _gtol = gtol;
        _xtol = xtol;
    }

    /// <inheritdoc/>
    public double Step { get; private set; }

    /// <inheritdoc/>
    public LineSearchStatus Start(double f0, double g0, double step, double stepMin, double stepMax)
    {
        if (!(g0 < 0) || step < stepMin || step > stepMax || stepMin < 0)
        {
            return LineSearchStatus.Error;
        }
        Step = step;
        _stpmin = stepMin;
        _stpmax = stepMax;
        _bracketed = false;
        _stage = 1;
        _finit = f0;
        _ginit = g0;
        _gtest = _ftol * g0;
        _width = stepMax - stepMin;
        _width1 = _width / 0.5;
        _stx = 0;
        _fx = f0;
        _gx = g0;
        _sty = 0;
        _fy = f0;
        _gy = g0;
        _stmin = 0;
        _stmax = step + ExtrapolateUpper * step;
        return LineSearchStatus.Evaluate;
    }

    /// <inheritdoc/>
    public LineSearchStatus Next(double f, double g)
    {
        double stp = Step;
        // ψ(α) ≤ 0 test: φ(α) ≤ φ(0) + ftol·α·φ′(0)
        double ftest = _finit + stp * _gtest;
        if (_stage == 1 && f <= ftest && g >= 0)
        {
            _stage = 2;
        }
        // Stopping tests, in increasing priority (the last that applies wins, as in [1]).
        var status = LineSearchStatus.Evaluate;
        if (_bracketed && (stp <= _stmin || stp >= _stmax))
        {
            status = LineSearchStatus.Warning; // rounding errors prevent progress
        }
        if (_bracketed && _stmax - _stmin <= _xtol * _stmax)
        {
            status = LineSearchStatus.Warning; // interval narrower than xtol
        }
        if (stp == _stpmax && f <= ftest && g <= _gtest)
        {
            status = LineSearchStatus.Warning; // at the maximum step
        }
        if (stp == _stpmin && (f > ftest || g >= _gtest))
        {
            status = LineSearchStatus.Warning; // at the minimum step
        }
        // Strong Wolfe: sufficient decrease and |φ′(α)| ≤ gtol·|φ′(0)|
        if (f <= ftest && Math.Abs(g) <= _gtol * -_ginit)
        {
            status = LineSearchStatus.Converged;
        }
        if (status != LineSearchStatus.Evaluate)
        {
            return status;
        }

        if (_stage == 1 && f <= _fx && f > ftest)
        {
            // Stage 1 with a lower but not sufficiently lower value: step on ψ(α) = φ(α) − α·gtest.
            double fm = f - stp * _gtest, fxm = _fx - _stx * _gtest, fym = _fy - _sty * _gtest;
            double gm = g - _gtest, gxm = _gx - _gtest, gym = _gy - _gtest;
            MoreThuenteStep.Update(ref _stx, ref fxm, ref gxm, ref _sty, ref fym, ref gym,
                ref stp, fm, gm, ref _bracketed, _stmin, _stmax);
            _fx = fxm + _stx * _gtest;
            _fy = fym + _sty * _gtest;
            _gx = gxm + _gtest;
            _gy = gym + _gtest;
        }
        else
        {
            MoreThuenteStep.Update(ref _stx, ref _fx, ref _gx, ref _sty, ref _fy, ref _gy,
                ref stp, f, g, ref _bracketed, _stmin, _stmax);
        }

        if (_bracketed)
        {
            // Force a bisection when the interval did not shrink enough in two trials.
            if (Math.Abs(_sty - _stx) >= Shrink * _width1)
            {
                stp = _stx + 0.5 * (_sty - _stx);
            }
            _width1 = _width;
            _width = Math.Abs(_sty - _stx);
            _stmin = Math.Min(_stx, _sty);
            _stmax = Math.Max(_stx, _sty);
        }
        else
        {
            // Extrapolation range for the next trial.
            _stmin = stp + ExtrapolateLower * (stp - _stx);
            _stmax = stp + ExtrapolateUpper * (stp - _stx);
        }
        stp = Math.Max(stp, _stpmin);
        stp = Math.Min(stp, _stpmax);
        // No further progress is possible: fall back to the best step so far.
        if ((_bracketed && (stp <= _stmin || stp >= _stmax)) || (_bracketed && _stmax - _stmin <= _xtol * _stmax))
        {
            stp = _stx;
        }
        Step = stp;
        return LineSearchStatus.Evaluate;
    }

    /// <inheritdoc/>
    public void ShortenAfterNonFinite()
    {
        // Halve towards the best finite step and forbid anything beyond the new trial.
        double stp = _stx + 0.5 * (Step - _stx);
        _stpmax = Math.Max(stp, _stpmin);
        _stmax = Math.Min(_stmax, _stpmax);
        Step = _stpmax;
    }
}
