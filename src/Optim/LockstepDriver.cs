using System.Runtime.ExceptionServices;
using Scratch.Backends.Cpu;

namespace Scratch.Optim;

// Problem: run many independent L-BFGS-B problems (e.g. one adversarial example per image)
// so that their objective evaluations are batched: one call of a batched evaluator per round
// for every problem that still runs.
// Approach: each problem is an ask/tell LbfgsbSolver; a round asks every solver, passes the
// points of those that want an evaluation to the evaluator, and tells each its value and
// gradient. Solvers never see each other, so every problem follows exactly the iterates it
// would follow alone (bitwise), provided the evaluator computes each problem's f and ∇f
// independently of the others in the batch. For the same reason the solvers' steps after an
// evaluation (Tell: line search, pair update, next direction) run in parallel over the cores
// when there is enough work (CpuParallel's grain) and no solver has an observer (observers are
// user code, called on the caller's thread): the results do not depend on the thread count.
// When Tell throws, the error of the first problem in order is rethrown.
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, SIAM J. Sci. Comput. 16(5).

/// <summary>Runs several L-BFGS-B solvers in lockstep with batched evaluations.</summary>
public static class LockstepDriver
{
    /// <summary>Drives every solver to completion; returns their results in order.</summary>
    public static LbfgsbResult[] Run(IReadOnlyList<LbfgsbSolver> solvers, BatchValueAndGradient evaluate)
    {
        ArgumentNullException.ThrowIfNull(solvers);
        ArgumentNullException.ThrowIfNull(evaluate);
        int count = solvers.Count;
        var values = new double[count];
        var active = new List<int>(count);
        var points = new List<ReadOnlyMemory<double>>(count);
        var activeGradients = new List<Memory<double>>(count);
        while (true)
        {
            active.Clear();
            points.Clear();
            activeGradients.Clear();
            for (int k = 0; k < count; k++)
            {
                if (solvers[k].Ask() == LbfgsbRequest.Evaluate)
                {
                    active.Add(k);
                    points.Add(solvers[k].PointMemory);
                    // The evaluator writes each gradient into its solver's own buffer, so Tell copies nothing.
                    activeGradients.Add(solvers[k].GradientMemory);
                }
            }
            if (active.Count == 0)
            {
                break;
            }
            evaluate(active, points, values.AsSpan(0, active.Count), activeGradients);
            TellAll(solvers, active, values);
        }
        var results = new LbfgsbResult[count];
        for (int k = 0; k < count; k++)
        {
            results[k] = solvers[k].Result;
        }
        return results;
    }

    /// <summary>
    /// Minimises problems k = 0…N−1 from <paramref name="starts"/>[k] within
    /// <paramref name="bounds"/>[k] (null entries or a null list: unbounded), all with the same options.
    /// </summary>
    public static LbfgsbResult[] Minimize(IReadOnlyList<double[]> starts, IReadOnlyList<BoxBounds?>? bounds,
        BatchValueAndGradient evaluate, LbfgsbOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(starts);
        if (bounds is not null && bounds.Count != starts.Count)
        {
            throw new ArgumentException($"{starts.Count} starts but {bounds.Count} bounds.", nameof(bounds));
        }
        var solvers = new LbfgsbSolver[starts.Count];
        try
        {
            for (int k = 0; k < starts.Count; k++)
            {
                solvers[k] = new LbfgsbSolver(starts[k], bounds?[k], options);
            }
            return Run(solvers, evaluate);
        }
        finally
        {
            // The solvers' working memory goes back to the pool for the next minimisations.
            foreach (var solver in solvers)
            {
                solver?.Dispose();
            }
        }
    }

    // Each active solver's Tell, in parallel when worth it (about fifty n-vector streams per step).
    private static void TellAll(IReadOnlyList<LbfgsbSolver> solvers, List<int> active, double[] values)
    {
        int count = active.Count;
        bool parallel = count > 1;
        long work = 0;
        for (int j = 0; j < count && parallel; j++)
        {
            parallel = !solvers[active[j]].HasObserver;
            work = Math.Max(work, 50L * solvers[active[j]].Dimension);
        }
        if (!parallel)
        {
            for (int j = 0; j < count; j++)
            {
                solvers[active[j]].Tell(values[j], solvers[active[j]].GradientBuffer);
            }
            return;
        }
        var errors = new Exception?[count];
        CpuParallel.For(count, work, (j0, j1) =>
        {
            for (int j = j0; j < j1; j++)
            {
                try
                {
                    solvers[active[j]].Tell(values[j], solvers[active[j]].GradientBuffer);
                }
                catch (Exception e)
                {
                    errors[j] = e;
                }
            }
        });
        foreach (var e in errors)
        {
            if (e is not null)
            {
                ExceptionDispatchInfo.Throw(e);
            }
        }
    }
}
