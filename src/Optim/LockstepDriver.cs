namespace Scratch.Optim;

// Problem: run many independent L-BFGS-B problems (e.g. one adversarial example per image)
// so that their objective evaluations are batched: one call of a batched evaluator per round
// for every problem that still runs.
// Approach: each problem is an ask/tell LbfgsbSolver; a round asks every solver, passes the
// points of those that want an evaluation to the evaluator, and tells each its value and
// gradient. Solvers never see each other, so every problem follows exactly the iterates it
// would follow alone (bitwise), provided the evaluator computes each problem's f and ∇f
// independently of the others in the batch.
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
        var gradients = new double[count][];
        for (int k = 0; k < count; k++)
        {
            gradients[k] = new double[solvers[k].Dimension];
        }
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
                    activeGradients.Add(gradients[k]);
                }
            }
            if (active.Count == 0)
            {
                break;
            }
            evaluate(active, points, values.AsSpan(0, active.Count), activeGradients);
            for (int j = 0; j < active.Count; j++)
            {
                int k = active[j];
                solvers[k].Tell(values[j], gradients[k]);
            }
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
        for (int k = 0; k < starts.Count; k++)
        {
            solvers[k] = new LbfgsbSolver(starts[k], bounds?[k], options);
        }
        return Run(solvers, evaluate);
    }
}
