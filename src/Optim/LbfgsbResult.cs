namespace Scratch.Optim;

/// <summary>The outcome of an L-BFGS-B run.</summary>
public sealed class LbfgsbResult
{
    private readonly double[] _x;
    private readonly double[] _gradient;
    private readonly ActiveBound[] _activeBounds;

    internal LbfgsbResult(double[] x, double value, double[] gradient, double projectedGradientNorm,
        int iterations, int evaluations, LbfgsbStopReason stopReason, ActiveBound[] activeBounds)
    {
        _x = x;
        Value = value;
        _gradient = gradient;
        ProjectedGradientNorm = projectedGradientNorm;
        Iterations = iterations;
        Evaluations = evaluations;
        StopReason = stopReason;
        _activeBounds = activeBounds;
    }

    /// <summary>The final iterate (always inside the box).</summary>
    public ReadOnlySpan<double> X => _x;

    /// <summary>f at <see cref="X"/>.</summary>
    public double Value { get; }

    /// <summary>∇f at <see cref="X"/>.</summary>
    public ReadOnlySpan<double> Gradient => _gradient;

    /// <summary>‖P(x − g, l, u) − x‖∞ at <see cref="X"/>.</summary>
    public double ProjectedGradientNorm { get; }

    /// <summary>Iterations completed (accepted steps).</summary>
    public int Iterations { get; }

    /// <summary>Objective evaluations, the one at the start included.</summary>
    public int Evaluations { get; }

    /// <summary>Why the run stopped.</summary>
    public LbfgsbStopReason StopReason { get; }

    /// <summary>True when the run stopped on one of the two convergence tests.</summary>
    public bool Converged => StopReason is LbfgsbStopReason.ProjectedGradientBelowTolerance or LbfgsbStopReason.RelativeReductionBelowTolerance;

    /// <summary>Per variable, which bound it sits on at <see cref="X"/> (exact equality).</summary>
    public ReadOnlySpan<ActiveBound> ActiveBounds => _activeBounds;

    /// <summary>Indices of the variables at their lower bound (fixed variables included).</summary>
    public IReadOnlyList<int> AtLower => Indices(ActiveBound.Lower);

    /// <summary>Indices of the variables at their upper bound (fixed variables included).</summary>
    public IReadOnlyList<int> AtUpper => Indices(ActiveBound.Upper);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{StopReason}: f = {Value:R}, |pg|inf = {ProjectedGradientNorm:E3}, iterations = {Iterations}, evaluations = {Evaluations}";

    private List<int> Indices(ActiveBound flag)
    {
        var list = new List<int>();
        for (int i = 0; i < _activeBounds.Length; i++)
        {
            if ((_activeBounds[i] & flag) != 0)
            {
                list.Add(i);
            }
        }
        return list;
    }
}
