namespace Scratch.Optim.Tests;

public class LbfgsbStoppingTests
{
    [Fact]
    public void Minimize_MaxIterations_StopsWithThatReason()
    {
        var r = Lbfgsb.Minimize(TestProblems.Rosenbrock, [-1.2, 1.0], null, new LbfgsbOptions { MaxIterations = 5 });
        Assert.Equal(LbfgsbStopReason.MaxIterations, r.StopReason);
        Assert.Equal(5, r.Iterations);
        Assert.False(r.Converged);
    }

    [Fact]
    public void Minimize_MaxEvaluations_StopsAtTheFirstIteratePastTheLimit()
    {
        var r = Lbfgsb.Minimize(TestProblems.Rosenbrock, [-1.2, 1.0], null, new LbfgsbOptions { MaxEvaluations = 10 });
        Assert.Equal(LbfgsbStopReason.MaxEvaluations, r.StopReason);
        Assert.InRange(r.Evaluations, 10, 10 + 20);
        Assert.True(r.Iterations < 36);
    }

    [Fact]
    public void Minimize_ObserverStops_ReportsStoppedByUserAfterThatIteration()
    {
        var seen = new List<(int Iteration, double Value)>();
        IterationObserver observer = (in LbfgsbProgress p) =>
        {
            seen.Add((p.Iteration, p.Value));
            return p.Iteration == 3 ? IterationDecision.Stop : IterationDecision.Continue;
        };
        var r = Lbfgsb.Minimize(TestProblems.Rosenbrock, [-1.2, 1.0], null, null, observer);
        Assert.Equal(LbfgsbStopReason.StoppedByUser, r.StopReason);
        Assert.Equal(3, r.Iterations);
        Assert.Equal([1, 2, 3], seen.Select(s => s.Iteration));
        Assert.True(seen[0].Value > seen[1].Value && seen[1].Value > seen[2].Value);
        Assert.Equal(seen[2].Value, r.Value);
    }

    [Fact]
    public void Minimize_NoWolfeStepExists_AbnormalTerminationAtTheStart()
    {
        // f jumps up everywhere except at the start while the gradient promises descent.
        double[] x0 = [0.3, -0.2];
        ValueAndGradient f = (x, g) =>
        {
            g[0] = 1;
            g[1] = 1;
            return x[0] == x0[0] && x[1] == x0[1] ? 0 : 1;
        };
        var r = Lbfgsb.Minimize(f, x0);
        Assert.Equal(LbfgsbStopReason.AbnormalLineSearchTermination, r.StopReason);
        Assert.Equal(x0, r.X.ToArray());
        Assert.Equal(0, r.Iterations);
        Assert.Equal(1 + 20, r.Evaluations);
    }

    [Fact]
    public void Minimize_LineSearchFailsWithMemory_RestartsOnceThenAborts()
    {
        int calls = 0;
        ValueAndGradient f = (x, g) =>
        {
            calls++;
            double v = TestProblems.Rosenbrock(x, g);
            return calls <= 10 ? v : double.NaN; // from the 11th call on nothing is acceptable
        };
        var r = Lbfgsb.Minimize(f, [-1.2, 1.0]);
        Assert.Equal(LbfgsbStopReason.NonFiniteValueInLineSearch, r.StopReason);
        // The search in progress fails after 20 trials, the memory is dropped, a steepest-descent
        // search fails after 20 more: at most 10 + 40 and more than 10 + 20 evaluations.
        Assert.InRange(r.Evaluations, 41, 50);
        Assert.True(r.Value < 24.2, "the last accepted iterate is returned");
    }

    [Fact]
    public void Minimize_NaNBeyondTheDomain_StepIsShortenedAndTheRunConverges()
    {
        // f = −log(2 − x) − 3x is defined for x < 2 only (NaN / ∞ beyond); minimiser x = 5/3.
        // From x₀ = 1.5 the first trial step has length 1 and lands at 2.5.
        int nonFinite = 0;
        ValueAndGradient f = (x, g) =>
        {
            g[0] = 1 / (2 - x[0]) - 3;
            double v = -Math.Log(2 - x[0]) - 3 * x[0];
            nonFinite += double.IsFinite(v) ? 0 : 1;
            return v;
        };
        var r = Lbfgsb.Minimize(f, [1.5], null, new LbfgsbOptions { ProjectedGradientTolerance = 1e-10, RelativeReductionFactor = 0 });
        Assert.True(nonFinite >= 1);
        Assert.Equal(LbfgsbStopReason.ProjectedGradientBelowTolerance, r.StopReason);
        Assert.Equal(5.0 / 3.0, r.X[0], 9);
    }

    [Fact]
    public void Minimize_NaNEverywhereButTheStart_StopsWithNonFiniteReason()
    {
        ValueAndGradient f = (x, g) =>
        {
            g[0] = 2 * x[0];
            return x[0] == 1.0 ? 1.0 : double.NaN;
        };
        var r = Lbfgsb.Minimize(f, [1.0]);
        Assert.Equal(LbfgsbStopReason.NonFiniteValueInLineSearch, r.StopReason);
        Assert.Equal(1.0, r.X[0]);
        Assert.Equal(1.0, r.Value);
    }

    [Fact]
    public void Minimize_NaNValueAtStart_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => Lbfgsb.Minimize((x, g) => double.NaN, [1.0, 2.0]));
        Assert.Contains("starting point", e.Message);
    }

    [Fact]
    public void Minimize_InfiniteGradientAtStart_ThrowsNamingTheComponent()
    {
        var e = Assert.Throws<ArgumentException>(() => Lbfgsb.Minimize((x, g) =>
        {
            g[0] = 0;
            g[1] = double.PositiveInfinity;
            return 0;
        }, [1.0, 2.0]));
        Assert.Contains("component 1", e.Message);
    }

    [Fact]
    public void Solver_BoundsOfAnotherDimension_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new LbfgsbSolver([1.0, 2.0], BoxBounds.Uniform(3, 0, 1)));
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void Solver_StartWithNaN_ThrowsNamingTheComponent()
    {
        var e = Assert.Throws<ArgumentException>(() => new LbfgsbSolver([1.0, double.NaN]));
        Assert.Contains("component 1", e.Message);
    }

    [Fact]
    public void Solver_TellAfterDone_Throws()
    {
        var solver = new LbfgsbSolver([0.0]);
        solver.Tell(0, [0.0]);
        Assert.Equal(LbfgsbRequest.Done, solver.Ask());
        Assert.Throws<InvalidOperationException>(() => solver.Tell(0, [0.0]));
        Assert.Throws<ArgumentException>(() => new LbfgsbSolver([0.0]).Tell(0, [0.0, 1.0]));
    }

    [Fact]
    public void Solver_StopDuringLineSearch_ReturnsTheLastIterate()
    {
        var solver = new LbfgsbSolver([-1.2, 1.0]);
        var g = new double[2];
        double f0 = TestProblems.Rosenbrock(solver.Point, g);
        solver.Tell(f0, g);
        Assert.Equal(LbfgsbRequest.Evaluate, solver.Ask());
        solver.Stop();
        Assert.Equal(LbfgsbStopReason.StoppedByUser, solver.Result.StopReason);
        Assert.Equal([-1.2, 1.0], solver.Result.X.ToArray());
        Assert.Equal(f0, solver.Result.Value);
    }
}
