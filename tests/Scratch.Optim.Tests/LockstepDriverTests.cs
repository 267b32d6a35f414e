namespace Scratch.Optim.Tests;

public class LockstepDriverTests
{
    private static (double[] X0, BoxBounds? Bounds, ValueAndGradient F)[] Problems()
    {
        var list = new List<(double[], BoxBounds?, ValueAndGradient)>();
        for (int k = 0; k < 6; k++)
        {
            int n = 2 + 3 * k;
            var x0 = Enumerable.Range(0, n).Select(i => (i % 2 == 0 ? -1.2 : 1.0) + 0.1 * k).ToArray();
            BoxBounds? bounds = k % 2 == 0 ? null : BoxBounds.Uniform(n, -1.5, 0.8 + 0.05 * k);
            list.Add((x0, bounds, TestProblems.Rosenbrock));
        }
        var a = Enumerable.Range(0, 12).Select(i => 1.0 + i).ToArray();
        var c = Enumerable.Range(0, 12).Select(i => 2 * Math.Sin(i)).ToArray();
        list.Add((new double[12], BoxBounds.Uniform(12, -1, 1), TestProblems.DiagonalQuadratic(a, c)));
        list.Add((Enumerable.Repeat(3.0, 25).ToArray(), TestProblems.Driver1Bounds(25), TestProblems.Driver1));
        return list.ToArray();
    }

    [Fact]
    public void Run_GivesBitwiseTheSameResultsAsRunningEachAlone()
    {
        var problems = Problems();
        var options = new LbfgsbOptions { HistorySize = 5 };
        var alone = problems.Select(p => Lbfgsb.Minimize(p.F, p.X0, p.Bounds, options)).ToArray();

        int rounds = 0;
        var batchSizes = new List<int>();
        var solvers = problems.Select(p => new LbfgsbSolver(p.X0, p.Bounds, options)).ToArray();
        var together = LockstepDriver.Run(solvers, (active, points, values, gradients) =>
        {
            rounds++;
            batchSizes.Add(active.Count);
            for (int j = 0; j < active.Count; j++)
            {
                values[j] = problems[active[j]].F(points[j].Span, gradients[j].Span);
            }
        });

        for (int k = 0; k < problems.Length; k++)
        {
            Assert.Equal(alone[k].X.ToArray(), together[k].X.ToArray());
            Assert.Equal(alone[k].Value, together[k].Value);
            Assert.Equal(alone[k].Iterations, together[k].Iterations);
            Assert.Equal(alone[k].Evaluations, together[k].Evaluations);
            Assert.Equal(alone[k].StopReason, together[k].StopReason);
            Assert.True(together[k].Converged);
        }
        // One evaluator call per round; rounds = the longest run's evaluations; batches shrink.
        Assert.Equal(alone.Max(r => r.Evaluations), rounds);
        Assert.Equal(problems.Length, batchSizes[0]);
        Assert.Equal(alone.Sum(r => r.Evaluations), batchSizes.Sum());
        Assert.True(batchSizes.Zip(batchSizes.Skip(1)).All(p => p.First >= p.Second));
    }

    [Fact]
    public void Minimize_WithStartsAndBounds_SolvesEveryProblem()
    {
        var starts = new[] { new[] { 2.0, 2.0 }, new[] { -3.0, 0.5 }, new[] { 0.0, 0.0 } };
        var bounds = new BoxBounds?[] { null, BoxBounds.Uniform(2, -1, 0.5), BoxBounds.Uniform(2, 0, 2) };
        var results = LockstepDriver.Minimize(starts, bounds, (active, points, values, gradients) =>
        {
            for (int j = 0; j < active.Count; j++)
            {
                values[j] = TestProblems.Rosenbrock(points[j].Span, gradients[j].Span);
            }
        }, new LbfgsbOptions { ProjectedGradientTolerance = 1e-8, RelativeReductionFactor = 0 });
        Assert.All(results, r => Assert.True(r.Converged));
        Assert.Equal(1.0, results[0].X[0], 6);
        Assert.Equal([0.5, 0.25], results[1].X.ToArray().Select(v => Math.Round(v, 7)));
        Assert.Equal([0], results[1].AtUpper);
        Assert.Equal(1.0, results[2].X[1], 6);
    }

    [Fact]
    public void Run_ManyLargeProblems_TellsInParallelAndGivesBitwiseTheSameResultsAsAlone()
    {
        // 6 problems of 4,000 variables: enough work for the solvers' steps to run on several threads.
        int n = 4000;
        var options = new LbfgsbOptions { HistorySize = 5, MaxIterations = 25 };
        var starts = Enumerable.Range(0, 6).Select(k => Enumerable.Range(0, n).Select(i => (i % 2 == 0 ? -1.2 : 1.0) + 0.01 * k).ToArray()).ToArray();
        var bounds = Enumerable.Range(0, 6).Select(k => k % 2 == 0 ? null : BoxBounds.Uniform(n, -1, 0.9)).ToArray();
        var alone = starts.Select((x0, k) => Lbfgsb.Minimize(TestProblems.Rosenbrock, x0, bounds[k], options)).ToArray();
        var solvers = starts.Select((x0, k) => new LbfgsbSolver(x0, bounds[k], options)).ToArray();
        var together = LockstepDriver.Run(solvers, (active, points, values, gradients) =>
        {
            for (int j = 0; j < active.Count; j++)
            {
                values[j] = TestProblems.Rosenbrock(points[j].Span, gradients[j].Span);
            }
        });
        for (int k = 0; k < starts.Length; k++)
        {
            Assert.Equal(alone[k].X.ToArray(), together[k].X.ToArray());
            Assert.Equal(alone[k].Gradient.ToArray(), together[k].Gradient.ToArray());
            Assert.Equal(alone[k].Value, together[k].Value);
            Assert.Equal(alone[k].Evaluations, together[k].Evaluations);
            Assert.Equal(alone[k].StopReason, together[k].StopReason);
        }
    }

    [Fact]
    public void Run_SeveralProblemsFailAtTheStart_RethrowsTheFirstProblemsError()
    {
        int n = 4000;
        var solvers = Enumerable.Range(0, 4).Select(_ => new LbfgsbSolver(new double[n])).ToArray();
        var e = Assert.Throws<ArgumentException>(() => LockstepDriver.Run(solvers, (active, points, values, gradients) =>
        {
            for (int j = 0; j < active.Count; j++)
            {
                values[j] = TestProblems.Rosenbrock(points[j].Span, gradients[j].Span);
                // problems 1 and 3 report a non-finite gradient component at their start: 1 at index 1, 3 at index 3
                if (active[j] % 2 == 1)
                {
                    gradients[j].Span[active[j]] = double.NaN;
                }
            }
        }));
        Assert.Contains("component 1 ", e.Message);
    }
}
