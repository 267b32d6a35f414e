namespace Scratch.Attacks;

/// <summary>
/// One example's search over c in Szegedy's objective c·‖r‖₂² + loss_f(x + r, l). A larger c penalises ‖r‖ more,
/// so the smallest perturbation that still reaches l comes from the largest successful c (the paper's "minimum c"
/// reads the other way round; we follow the mathematics). From the initial c: after a success c grows by the
/// factor, after a failure it shrinks, until the outcome flips (or the bracket steps run out); then a fixed number
/// of bisections in log c between the largest success and the smallest failure above it.
/// </summary>
internal sealed class CSearch
{
    private readonly LbfgsAttackOptions _options;
    private double _largestSuccess = double.NaN;
    private double _smallestFailure = double.NaN;
    private int _bracketSteps;
    private int _bisections;

    public CSearch(LbfgsAttackOptions options)
    {
        _options = options;
        C = options.InitialC;
    }

    /// <summary>The c to try next.</summary>
    public double C { get; private set; }

    /// <summary>Whether the search has ended.</summary>
    public bool Done { get; private set; }

    /// <summary>Records whether the minimiser at <see cref="C"/> reached the target, and picks the next c.</summary>
    public void Tell(bool success)
    {
        if (success)
        {
            _largestSuccess = double.IsNaN(_largestSuccess) ? C : Math.Max(_largestSuccess, C);
        }
        else
        {
            _smallestFailure = double.IsNaN(_smallestFailure) ? C : Math.Min(_smallestFailure, C);
        }
        var bracketed = !double.IsNaN(_largestSuccess) && !double.IsNaN(_smallestFailure);
        if (bracketed)
        {
            if (_bisections == _options.BisectionSteps)
            {
                Done = true;
                return;
            }
            _bisections++;
            // The geometric mean: bisection in log c.
            C = Math.Sqrt(_largestSuccess * _smallestFailure);
            return;
        }
        if (_bracketSteps == _options.MaxBracketSteps)
        {
            Done = true;
            return;
        }
        _bracketSteps++;
        C = success ? C * _options.GrowthFactor : C / _options.GrowthFactor;
    }
}
