namespace Scratch.Optim.Tests;

// The suite must catch a broken Cauchy point or line search: the same solution check used by
// the solution tests passes with the real components and fails with deliberately broken ones
// (substituted through the solver's internal seam).
public class BrokenComponentTests
{
    private static readonly BoxBounds Bounds = new([-2, -2], [0.5, 2]);
    private static readonly LbfgsbOptions Options = new() { ProjectedGradientTolerance = 1e-9, RelativeReductionFactor = 0, MaxIterations = 200 };

    private static bool SolvesBoundedRosenbrock(ICauchyPointFinder? cauchy, ILineSearch? lineSearch)
    {
        var solver = new LbfgsbSolver([-1.2, 1.0], Bounds, Options, null, cauchy, lineSearch);
        var r = Lbfgsb.Run(solver, TestProblems.Rosenbrock);
        return TestProblems.IsExpectedSolution(r, TestProblems.Rosenbrock, Bounds, [0.5, 0.25], 1e-8, 1e-8, [], [0]);
    }

    /// <summary>A sign error: the Cauchy path follows +g instead of −g.</summary>
    private sealed class SignFlippedCauchyPoint : ICauchyPointFinder
    {
        private readonly CauchyPoint _real = new(2, 10);

        public void Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> g, BoxBounds bounds, CompactBfgsMatrix bfgs,
            Span<sbyte> status, Span<double> xcp, Span<double> c, ReadOnlySpan<double> wtD)
        {
            var flipped = g.ToArray().Select(v => -v).ToArray();
            _real.Compute(x, flipped, bounds, bfgs, status, xcp, c, default);
        }
    }

    /// <summary>Forgets to stop at the first breakpoint: x^c = P(x − g/θ) regardless of B.</summary>
    private sealed class IgnoresCurvatureCauchyPoint : ICauchyPointFinder
    {
        public void Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> g, BoxBounds bounds, CompactBfgsMatrix bfgs,
            Span<sbyte> status, Span<double> xcp, Span<double> c, ReadOnlySpan<double> wtD)
        {
            for (int i = 0; i < x.Length; i++)
            {
                xcp[i] = Math.Clamp(x[i] - 10 * g[i], bounds.Lower[i], bounds.Upper[i]);
                status[i] = xcp[i] == bounds.Lower[i] ? VariableStatus.AtLower : xcp[i] == bounds.Upper[i] ? VariableStatus.AtUpper : VariableStatus.Free;
            }
            c.Clear();
        }
    }

    /// <summary>Accepts the first trial step without testing the Wolfe conditions.</summary>
    private sealed class AcceptsFirstStep : ILineSearch
    {
        public double Step { get; private set; }

        public LineSearchStatus Start(double f0, double g0, double step, double stepMin, double stepMax)
        {
            Step = step;
            return LineSearchStatus.Evaluate;
        }

        public LineSearchStatus Next(double f, double g) => LineSearchStatus.Converged;

        public void ShortenAfterNonFinite() => Step /= 2;
    }

    /// <summary>Gets the sufficient-decrease test backwards (accepts increases).</summary>
    private sealed class WrongSufficientDecrease : ILineSearch
    {
        private double _f0;

        public double Step { get; private set; }

        public LineSearchStatus Start(double f0, double g0, double step, double stepMin, double stepMax)
        {
            _f0 = f0;
            Step = step;
            return LineSearchStatus.Evaluate;
        }

        public LineSearchStatus Next(double f, double g)
        {
            if (f >= _f0)
            {
                return LineSearchStatus.Converged;
            }
            Step *= 2;
            return LineSearchStatus.Evaluate;
        }

        public void ShortenAfterNonFinite() => Step /= 2;
    }

    [Fact]
    public void RealComponents_PassTheCheck() => Assert.True(SolvesBoundedRosenbrock(null, null));

    [Fact]
    public void SignFlippedCauchyPoint_FailsTheCheck() => Assert.False(SolvesBoundedRosenbrock(new SignFlippedCauchyPoint(), null));

    [Fact]
    public void CurvatureIgnoringCauchyPoint_FailsTheCheck() => Assert.False(SolvesBoundedRosenbrock(new IgnoresCurvatureCauchyPoint(), null));

    [Fact]
    public void LineSearchWithoutWolfeTest_FailsTheCheck() => Assert.False(SolvesBoundedRosenbrock(null, new AcceptsFirstStep()));

    [Fact]
    public void LineSearchAcceptingIncreases_FailsTheCheck() => Assert.False(SolvesBoundedRosenbrock(null, new WrongSufficientDecrease()));
}
