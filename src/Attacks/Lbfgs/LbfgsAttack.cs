using Scratch.Optim;

namespace Scratch.Attacks;

/// <summary>
/// Szegedy et al. 2014, §4.1, the box-constrained L-BFGS attack: for a target l, minimise
/// c·‖r‖₂² + loss_f(x + r, l) subject to x + r ∈ [lower, upper]ᵐ with our L-BFGS-B, searching c per example
/// (<see cref="CSearch"/>) and keeping the smallest perturbation that the classifier, fed x + r again, puts in class l.
/// An example that no c moves to l is a failure, returned with the minimiser at the smallest c tried (the hardest
/// push toward l). The examples of a batch run in lockstep: each phase runs one minimisation per unfinished example,
/// all evaluated in one batched forward and backward per round (<see cref="LockstepDriver"/>); each problem follows
/// the iterates it would follow alone.
/// </summary>
public static class LbfgsAttack
{
    /// <summary>Attacks a batch.</summary>
    /// <param name="classifier">The attacked classifier.</param>
    /// <param name="x">A batch inside the classifier's box.</param>
    /// <param name="labels">True labels, int32 [N].</param>
    /// <param name="options">The c-search, solver settings and target; null: the defaults.</param>
    /// <param name="firstIndex">The position of x's first example in its split (for seeded random targets).</param>
    /// <exception cref="ArgumentException">An input or option is out of its range; the message names it.</exception>
    public static AttackResult Run(Classifier classifier, Tensor x, Tensor labels, LbfgsAttackOptions? options = null, long firstIndex = 0)
    {
        options ??= new LbfgsAttackOptions();
        options.Validate();
        var y = AttackInputs.Check("lbfgs", classifier, x, labels);
        // Everything but the adversarial batch handed back (the clean scores, each phase's points and predictions, the
        // conversions to and from float64) is recycled when the attack returns, so that a caller's next attack reuses
        // the memory instead of touching fresh pages (≈ 400 page faults per call of a 100-image lockstep attack, ≈ 6 ms
        // of its ≈ 50 on the VMs of Dec 2026; docs/memory.md).
        using var scope = DeviceScope.Begin();
        var cleanScores = classifier.Scores(x);
        AttackInputs.CheckClasses("lbfgs", y, classifier.ClassCount(cleanScores));
        var result = TargetExpansion.Run(options.Target, y, classifier.Probabilities(cleanScores), firstIndex,
            targets => Attack(classifier, x, cleanScores, labels, targets, options));
        scope.Keep(result.Adversarial);
        return result;
    }

    private static AttackResult Attack(Classifier classifier, Tensor x, Tensor cleanScores, Tensor labels, int[] targets, LbfgsAttackOptions options)
    {
        var count = x.Shape[0];
        var exampleShape = new Shape(x.Shape.ToArray()[1..]);
        var n = exampleShape.ElementCount;
        var originals = x.To(DType.Float64).To(Device.Cpu).ToArray<double>();
        var objective = new SzegedyObjective(classifier, originals, exampleShape, targets);
        var bounds = BoxBounds.Uniform(n, classifier.LowerBound, classifier.UpperBound);
        var searches = Enumerable.Range(0, count).Select(_ => new CSearch(options)).ToArray();
        var best = new Attempt?[count];
        var fallback = new Attempt?[count];
        var (evaluations, iterations) = (new int[count], new int[count]);
        while (true)
        {
            var running = Enumerable.Range(0, count).Where(i => !searches[i].Done).ToArray();
            if (running.Length == 0)
            {
                break;
            }
            objective.Examples = running;
            objective.Penalties = running.Select(i => searches[i].C).ToArray();
            var results = Minimize(objective, originals, running, n, exampleShape, bounds, options, x);
            var points = Stack(results, [running.Length, .. exampleShape.ToArray()]);
            var predictions = classifier.Predict(classifier.Scores(points.To(x.DType).To(x.Device))).To(Device.Cpu).ToArray<int>();
            for (var j = 0; j < running.Length; j++)
            {
                var i = running[j];
                var attempt = new Attempt(results[j], searches[i].C, SquaredDistance(results[j].X, originals.AsSpan(i * n, n)));
                evaluations[i] += results[j].Evaluations;
                iterations[i] += results[j].Iterations;
                var success = predictions[j] == targets[i];
                if (success && (best[i] is null || attempt.SquaredNorm < best[i]!.SquaredNorm))
                {
                    best[i] = attempt;
                }
                if (fallback[i] is null || attempt.C < fallback[i]!.C)
                {
                    fallback[i] = attempt;
                }
                searches[i].Tell(success);
            }
        }
        var chosen = Enumerable.Range(0, count).Select(i => best[i] ?? fallback[i]!).ToArray();
        var adversarial = Stack(chosen.Select(a => a.Result).ToArray(), x.Shape).To(x.DType).To(x.Device);
        var work = Enumerable.Range(0, count).Select(i => new AttackWork(evaluations[i], iterations[i], chosen[i].C, chosen[i].Result.StopReason)).ToArray();
        return AttackResult.Evaluate("lbfgs", classifier, x, cleanScores, adversarial, labels, targets, work, epsilon: null);
    }

    // One minimisation per running example, from r = 0: in lockstep (one batched evaluation per round) or one by one.
    private static LbfgsbResult[] Minimize(SzegedyObjective objective, double[] originals, int[] running, int n, Shape exampleShape,
        BoxBounds bounds, LbfgsAttackOptions options, Tensor x)
    {
        var solvers = running.Select(i => new LbfgsbSolver(originals.AsSpan(i * n, n), bounds, options.Solver)).ToArray();
        try
        {
            if (options.Lockstep)
            {
                return LockstepDriver.Run(solvers, ModelObjective.CreateBatched(objective.Values, exampleShape, x.DType, x.Device));
            }
            return solvers.Select((solver, j) => Lbfgsb.Run(solver,
                ModelObjective.Create(v => objective.Values(v, [j]).Sum(), [1, .. exampleShape.ToArray()], x.DType, x.Device))).ToArray();
        }
        finally
        {
            // The results hold copies; the solvers' working memory goes back to the pool for the next phase.
            foreach (var solver in solvers)
            {
                solver.Dispose();
            }
        }
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum;
    }

    // The solvers' points, one after another, as a float64 tensor of the given shape, made in pooled memory.
    private static Tensor Stack(LbfgsbResult[] results, Shape shape) =>
        Tensor.Create<double, LbfgsbResult[]>(shape, results, static (values, rs) =>
        {
            var offset = 0;
            foreach (var r in rs)
            {
                r.X.CopyTo(values[offset..]);
                offset += r.X.Length;
            }
        });

    // A minimisation's outcome at one c; the result holds its own copy of the point.
    private sealed record Attempt(LbfgsbResult Result, double C, double SquaredNorm);
}
