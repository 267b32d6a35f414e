namespace Scratch.Optim;

/// <summary>
/// An objective: returns f(<paramref name="x"/>) and writes ∇f(<paramref name="x"/>) into
/// <paramref name="gradient"/> (same length as x).
/// </summary>
public delegate double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>
/// A batched objective for <see cref="LockstepDriver"/>: for each k, evaluate problem
/// <paramref name="activeIndices"/>[k] at <paramref name="points"/>[k], write its value to
/// <paramref name="values"/>[k] and its gradient into <paramref name="gradients"/>[k].
/// Called once per round with every problem that still needs an evaluation.
/// </summary>
public delegate void BatchValueAndGradient(
    IReadOnlyList<int> activeIndices,
    IReadOnlyList<ReadOnlyMemory<double>> points,
    Span<double> values,
    IReadOnlyList<Memory<double>> gradients);

/// <summary>What an <see cref="IterationObserver"/> wants the solver to do next.</summary>
public enum IterationDecision
{
    /// <summary>Go on iterating.</summary>
    Continue,

    /// <summary>Stop now with <see cref="LbfgsbStopReason.StoppedByUser"/>.</summary>
    Stop,
}

/// <summary>Called after each accepted iterate (not after the convergence tests have stopped the run).</summary>
public delegate IterationDecision IterationObserver(in LbfgsbProgress progress);

/// <summary>The state of a run after an accepted iterate; the spans are valid only during the call.</summary>
public readonly ref struct LbfgsbProgress
{
    /// <summary>Creates a progress report.</summary>
    public LbfgsbProgress(int iteration, int evaluations, double value, double projectedGradientNorm, ReadOnlySpan<double> point, ReadOnlySpan<double> gradient)
    {
        Iteration = iteration;
        Evaluations = evaluations;
        Value = value;
        ProjectedGradientNorm = projectedGradientNorm;
        Point = point;
        Gradient = gradient;
    }

    /// <summary>Iterations completed so far.</summary>
    public int Iteration { get; }

    /// <summary>Objective evaluations so far.</summary>
    public int Evaluations { get; }

    /// <summary>f at the current iterate.</summary>
    public double Value { get; }

    /// <summary>‖P(x − g) − x‖∞ at the current iterate.</summary>
    public double ProjectedGradientNorm { get; }

    /// <summary>The current iterate.</summary>
    public ReadOnlySpan<double> Point { get; }

    /// <summary>The gradient at the current iterate.</summary>
    public ReadOnlySpan<double> Gradient { get; }
}
