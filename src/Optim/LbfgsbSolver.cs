using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scratch.Optim;

// Problem: minimise f(x) subject to l ≤ x ≤ u (L-BFGS-B), as a reverse-communication state
// machine: the solver asks for f and ∇f at a point (Ask / Point) and is told them (Tell), so
// many independent problems can advance in lockstep and share batched evaluations. The
// callback interface (Lbfgsb.Minimize) and the batch driver (LockstepDriver) are thin loops
// over this class; there is one algorithm.
// Approach: the outer loop of BLNZ95 ("Algorithm L-BFGS-B", §6), following the control flow
// of L-BFGS-B 3.0 so that iteration and evaluation counts stand next to the reference:
//   1. project x₀ into the box; evaluate; stop if ‖P(x − g) − x‖∞ ≤ pgtol (0 iterations);
//   2. generalized Cauchy point x^c (skipped when no variable has a bound and pairs exist:
//      then x^c = x_k, as the reference does);
//   3. subspace minimisation over the variables free at x^c → x̄ (with the Morales–Nocedal
//      projection); direction d = x̄ − x_k;
//   4. Moré–Thuente line search from the unit step; on the first iteration of a problem that
//      is not fully boxed the first trial is min(1/‖d‖, stpmax); stpmax keeps x_k + αd in the
//      box (1 on the first iteration of a constrained problem), as in lnsrlb;
//   5. on acceptance: the two convergence tests, then the pair s = αd, y = g_{k+1} − g_k is
//      stored if sᵀy > ε·yᵀy (else skipped), then the user observer and the limits.
// A line search that fails (more than MaxLineSearchEvaluations trials, an error, or a
// direction that is not a descent direction) returns to x_k; if pairs were stored they are
// discarded and the iteration restarts (steepest-descent model), otherwise the run ends with
// AbnormalLineSearchTermination. A failed factorisation also discards the memory.
// NaN policy: a non-finite f or ∇f at the start is the caller's error (ArgumentException);
// during a line search it shortens the step (MoreThuenteLineSearch.ShortenAfterNonFinite)
// within the same evaluation budget, and a search that ends that way reports
// NonFiniteValueInLineSearch. The solver has no threads and no randomness: the same inputs
// give bitwise the same iterates.
// Files: this one (state, ask/tell, steps 1–3), LbfgsbSolver.LineSearch.cs (step 4),
// LbfgsbSolver.Acceptance.cs (step 5 and the result).
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, "A limited memory algorithm for bound constrained
//       optimization", SIAM J. Sci. Comput. 16(5), §2–§6.
//   [2] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (mainlb, lnsrlb).
//   [3] Morales & Nocedal 2011, "Remark on Algorithm 778", ACM TOMS 38(1).
//   [4] Moré & Thuente 1994, ACM TOMS 20(3).
//   [5] Nocedal & Wright 2006, Numerical Optimization, 2nd ed., §7.2 and §16.7.

/// <summary>What an <see cref="LbfgsbSolver"/> needs next.</summary>
public enum LbfgsbRequest
{
    /// <summary>Evaluate f and ∇f at <see cref="LbfgsbSolver.Point"/> and call <see cref="LbfgsbSolver.Tell"/>.</summary>
    Evaluate,

    /// <summary>Finished; read <see cref="LbfgsbSolver.Result"/>.</summary>
    Done,
}

/// <summary>
/// L-BFGS-B as an ask/tell state machine (reverse communication). Disposing a solver gives its working memory
/// (about (2m + 12) n-vectors) back for the next solver to reuse; a solver that is not disposed leaves it to the GC.
/// </summary>
public sealed partial class LbfgsbSolver : IDisposable
{
    private const double Eps = 2.220446049250313e-16; // ε_machine
    private const double BigStep = 1e10;              // stpmax when no bound limits the step
    // Above this many variables a unit-step trial forms its pair while it copies the gradient (Tell): one pass over
    // memory fewer when the step is accepted. Below, the vectors stay in cache, the pass saved costs little, and a
    // rejected trial would waste the pair's 2m products per variable (one image's attack rejects many unit steps).
    private const int SpeculativePairAbove = VectorOps.CacheResidentLength;

    private enum Phase { Start, LineSearch, Done }

    private readonly int _n;
    private readonly BoxBounds _bounds;
    private readonly LbfgsbOptions _options;
    private readonly IterationObserver? _observer;
    private readonly SolverMemory _memory = new();
    private bool _disposed;
    private readonly CompactBfgsMatrix _bfgs;
    private readonly ICauchyPointFinder _cauchy;
    private readonly SubspaceMinimization _subspace;
    private readonly ILineSearch _lineSearch;
    private readonly PairUpdate _pairs;
    // _x, _xOld and _z (and _g, _gOld) are swapped rather than copied between the phases.
    private double[] _x;              // the point to evaluate; the iterate x_k between line searches
    private double[] _g;              // ∇f at _x
    private double[] _xOld;           // x_k during a line search
    private double[] _gOld;           // g_k during a line search
    private double[] _z;              // x̄ (while _xIsZ, the array is _x: the unit-step trial point)
    private bool _xIsZ;               // _x and _z have been swapped for the unit-step trial
    private readonly double[] _xcp;   // x^c
    private double[] _d;              // search direction d = x̄ − x_k (handed to the memory as s after a unit step)
    private readonly double[] _c;     // c = Wᵀ(x^c − x_k)
    private readonly double[] _wtNext;   // Wᵀd for the Cauchy path's first direction at x_k (−g_k when unbounded), from the pair update
    private bool _wtNextValid;        // _wtNext belongs to the current W, x, g and status
    private bool _pairFormed;         // Tell formed the pair for a unit-step trial (d adopted as the pending s)
    private readonly sbyte[] _status; // VariableStatus per variable
    private readonly double _factrTolerance; // factr·ε
    private double _f, _fOld;
    private int _iterations, _evaluations, _lineSearchEvaluations;
    private bool _lineSearchSawNonFinite;
    private Phase _phase;
    private LbfgsbResult? _result;

    /// <summary>Creates a solver for the start <paramref name="x0"/> (projected into the box).</summary>
    /// <param name="x0">Starting point; copied.</param>
    /// <param name="bounds">The box; null means unbounded (plain L-BFGS).</param>
    /// <param name="options">Parameters; null means <see cref="LbfgsbOptions.Default"/>.</param>
    /// <param name="observer">Called after each accepted iterate; may stop the run.</param>
    /// <exception cref="ArgumentException">Invalid options, bounds of another dimension, or a non-finite start.</exception>
    public LbfgsbSolver(ReadOnlySpan<double> x0, BoxBounds? bounds = null, LbfgsbOptions? options = null, IterationObserver? observer = null)
        : this(x0, bounds, options, observer, null, null)
    {
    }

    /// <summary>Seam for tests: substitute the Cauchy point or the line search.</summary>
    internal LbfgsbSolver(ReadOnlySpan<double> x0, BoxBounds? bounds, LbfgsbOptions? options, IterationObserver? observer,
        ICauchyPointFinder? cauchy, ILineSearch? lineSearch)
    {
        _options = options ?? LbfgsbOptions.Default;
        _options.Validate();
        _n = x0.Length;
        _bounds = bounds ?? BoxBounds.Unbounded(_n);
        if (_bounds.Dimension != _n)
        {
            throw new ArgumentException($"The start has {_n} variables but the bounds have {_bounds.Dimension}.", nameof(bounds));
        }
        _observer = observer;
        int m = _options.HistorySize;
        _bfgs = new CompactBfgsMatrix(_n, m, _memory);
        _cauchy = cauchy ?? new CauchyPoint(_n, m, _memory);
        _subspace = new SubspaceMinimization(_n, m, _memory);
        _lineSearch = lineSearch ?? new MoreThuenteLineSearch(
            _options.LineSearchFunctionTolerance, _options.LineSearchGradientTolerance, _options.LineSearchStepTolerance);
        _x = _memory.Take<double>(_n);
        x0.CopyTo(_x);
        _bounds.Project(_x);
        for (int i = 0; i < _n; i++)
        {
            if (!double.IsFinite(_x[i]))
            {
                throw new ArgumentException($"Start component {i} is {x0[i]}; L-BFGS-B needs a finite start (after projection into the box).", nameof(x0));
            }
        }
        _g = _memory.Take<double>(_n);
        _xOld = _memory.Take<double>(_n);
        _gOld = _memory.Take<double>(_n);
        _xcp = _memory.Take<double>(_n);
        _z = _memory.Take<double>(_n);
        _d = _memory.Take<double>(_n);
        _c = _memory.Take<double>(2 * m);
        _wtNext = _memory.Take<double>(2 * m);
        _pairs = new PairUpdate(_memory);
        _status = _memory.Take<sbyte>(_n);
        VariableStatus.Initialize(_bounds, _status);
        _factrTolerance = _options.RelativeReductionFactor * Eps;
        _phase = Phase.Start;
    }

    /// <summary>Number of variables.</summary>
    public int Dimension => _n;

    /// <summary>The point at which f and ∇f are wanted (valid while <see cref="Ask"/> returns Evaluate).</summary>
    public ReadOnlySpan<double> Point => _x;

    /// <summary>The same point as <see cref="Point"/>, as memory (for batched evaluators).</summary>
    public ReadOnlyMemory<double> PointMemory => _x;

    /// <summary>
    /// The solver's own array for ∇f at <see cref="Point"/> (valid while <see cref="Ask"/> returns
    /// Evaluate): an evaluator may write the gradient here and pass this span to <see cref="Tell"/>,
    /// which then copies nothing.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The solver has been disposed.</exception>
    public Span<double> GradientBuffer => _disposed ? throw Disposed() : _g;

    /// <summary>The same array as <see cref="GradientBuffer"/>, as memory (for batched evaluators).</summary>
    internal Memory<double> GradientMemory => _disposed ? throw Disposed() : _g;

    /// <summary>Whether an observer was given (the lockstep driver then tells this solver on the caller's thread).</summary>
    internal bool HasObserver => _observer is not null;

    /// <summary>Iterations completed so far.</summary>
    public int Iterations => _iterations;

    /// <summary>Evaluations told so far.</summary>
    public int Evaluations => _evaluations;

    /// <summary>True once the run has finished.</summary>
    public bool IsDone => _phase == Phase.Done;

    /// <summary>The outcome; available once <see cref="Ask"/> returns Done.</summary>
    public LbfgsbResult Result => _result ?? throw new InvalidOperationException("The solver has not finished; call Ask/Tell until Ask returns Done.");

    /// <summary>What the solver needs next. Calling it again without Tell returns the same request.</summary>
    /// <exception cref="ObjectDisposedException">The solver has been disposed before it finished.</exception>
    public LbfgsbRequest Ask() => _phase == Phase.Done ? LbfgsbRequest.Done : _disposed ? throw Disposed() : LbfgsbRequest.Evaluate;

    /// <summary>
    /// Gives the solver's working memory back for reuse by later solvers. <see cref="Result"/>, <see cref="Point"/> and
    /// the counts stay readable; <see cref="Tell"/> and <see cref="GradientBuffer"/> throw from then on. Calling it
    /// again does nothing.
    /// </summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            // Point stays readable: x (any of the arrays the phases swap) leaves the pool's memory first.
            _x = _x.ToArray();
            _memory.Release();
        }
    }

    private ObjectDisposedException Disposed() => new(nameof(LbfgsbSolver), "The solver has been disposed; its working memory went back to the pool.");

    /// <summary>Reports f and ∇f at <see cref="Point"/>.</summary>
    /// <exception cref="ArgumentException">Wrong gradient length, or a non-finite value/gradient at the start.</exception>
    /// <exception cref="InvalidOperationException">The solver has finished.</exception>
    /// <exception cref="ObjectDisposedException">The solver has been disposed.</exception>
    public void Tell(double value, ReadOnlySpan<double> gradient)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_phase == Phase.Done)
        {
            throw new InvalidOperationException("The solver has finished; no evaluation was asked for.");
        }
        if (gradient.Length != _n)
        {
            throw new ArgumentException($"The gradient has {gradient.Length} entries but the problem has {_n} variables.", nameof(gradient));
        }
        if (_phase == Phase.Start)
        {
            CheckFiniteStart(value, gradient);
        }
        _evaluations++;
        _f = value;
        bool inPlace = IsGradientBuffer(gradient);
        if (_phase == Phase.Start)
        {
            if (!inPlace)
            {
                gradient.CopyTo(_g);
            }
            OnStartEvaluated();
        }
        else if (_xIsZ && _n > SpeculativePairAbove)
        {
            // The unit-step trial x̄: if accepted, s = d and the pair update's sweep comes next. That
            // sweep also copies ∇f and gives φ′(1) = ∇fᵀd (bitwise CopyAndDot), so it runs now, with d
            // adopted as the pending s, and is undone if the line search wants another trial.
            _d = _bfgs.AdoptPendingS(_d);
            _pairs.Form(1.0, default, gradient, _g, _gOld, _x, _status, _bounds, _bfgs);
            _pairFormed = true;
            OnTrialEvaluated(_pairs.Slope);
        }
        else
        {
            // φ′(α) = ∇f(x_k + αd)ᵀd, taken while copying the gradient
            OnTrialEvaluated(inPlace ? VectorOps.Dot(_g, _d) : VectorOps.CopyAndDot(gradient, _g, _d));
        }
    }

    // True when the gradient was written into GradientBuffer (nothing to copy); a span that only
    // overlaps it would be overwritten while it is copied, so it is refused.
    private bool IsGradientBuffer(ReadOnlySpan<double> gradient)
    {
        if (!gradient.Overlaps(_g))
        {
            return false;
        }
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(gradient), ref _g[0]))
        {
            throw new ArgumentException("The gradient overlaps GradientBuffer without being all of it; pass GradientBuffer itself or separate memory.", nameof(gradient));
        }
        return true;
    }

    /// <summary>Stops the run at the last accepted iterate with <see cref="LbfgsbStopReason.StoppedByUser"/>.</summary>
    public void Stop()
    {
        if (_phase == Phase.LineSearch)
        {
            RestoreIterate();
        }
        else if (_phase == Phase.Start)
        {
            _f = double.NaN; // never evaluated
        }
        if (_phase != Phase.Done)
        {
            Finish(LbfgsbStopReason.StoppedByUser);
        }
    }

    private static void CheckFiniteStart(double value, ReadOnlySpan<double> gradient)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"The objective is {value} at the starting point; L-BFGS-B needs a finite value there.", nameof(value));
        }
        for (int i = 0; i < gradient.Length; i++)
        {
            if (!double.IsFinite(gradient[i]))
            {
                throw new ArgumentException($"Gradient component {i} is {gradient[i]} at the starting point; L-BFGS-B needs a finite gradient there.", nameof(gradient));
            }
        }
    }

    private void OnStartEvaluated()
    {
        if (_bounds.ProjectedGradientNorm(_x, _g) <= _options.ProjectedGradientTolerance)
        {
            Finish(LbfgsbStopReason.ProjectedGradientBelowTolerance);
        }
        else if (_options.MaxIterations == 0)
        {
            Finish(LbfgsbStopReason.MaxIterations);
        }
        else
        {
            BeginIteration();
        }
    }

    // Steps 2–4: Cauchy point, subspace minimisation, start of the line search.
    private void BeginIteration()
    {
        while (true)
        {
            int col = _bfgs.Count;
            Span<double> c = _c.AsSpan(0, 2 * col);
            bool skipCauchy = !_bounds.HasAnyBound && col > 0;
            if (skipCauchy)
            {
                // Unbounded with memory: x^c = x_k, c = 0, and d̄ is the full quasi-Newton step.
                c.Clear();
            }
            // Wᵀd of the path's first direction, carried from the pair update: the Cauchy point's first
            // product, or (unbounded, Cauchy point skipped) Wᵀ(−g), the subspace step's.
            ReadOnlySpan<double> wtNext = _wtNextValid ? _wtNext.AsSpan(0, 2 * col) : default;
            _wtNextValid = false;
            if (!skipCauchy)
            {
                _cauchy.Compute(_x, _g, _bounds, _bfgs, _status, _xcp, c, wtNext);
            }
            if (_subspace.Compute(_x, _g, skipCauchy ? _x : _xcp, c, _status, _bounds, _bfgs, skipCauchy, _z,
                skipCauchy ? wtNext : default, _d, BigStep))
            {
                break;
            }
            // K not positive definite: discard the memory and start over (as formk's info ≠ 0).
            _bfgs.Reset();
        }
        StartLineSearch();
    }
}
