using Scratch.Autograd;
using Scratch.Nn;

namespace Scratch.Attacks;

/// <summary>
/// Projected gradient descent (Madry et al. 2018) and the basic iterative method (Kurakin et al. 2017) in the L∞
/// and L2 norms. From x (BIM) or a uniform random point of the ε-ball (PGD), each step moves every active example
/// by α along the steepest-ascent direction of its loss in the norm (sign(∇ₓJ) for L∞, ∇ₓJ/‖∇ₓJ‖₂ for L2; against
/// the gradient of the target's loss when targeted), then projects onto the ε-ball around x and onto the box. An
/// example stops once it succeeds (per-example early stop); restarts keep per example a success, else the run with
/// the highest loss (lowest for a target).
/// </summary>
public static class Pgd
{
    /// <summary>Attacks a batch.</summary>
    /// <param name="classifier">The attacked classifier.</param>
    /// <param name="x">A batch inside the classifier's box.</param>
    /// <param name="labels">True labels, int32 [N].</param>
    /// <param name="options">Budget, steps, restarts, seed, target; null: the defaults.</param>
    /// <param name="firstIndex">The position of x's first example in its split (for the random start and random targets).</param>
    /// <exception cref="ArgumentException">An input or option is out of its range; the message names it.</exception>
    public static AttackResult Run(Classifier classifier, Tensor x, Tensor labels, PgdOptions? options = null, long firstIndex = 0)
    {
        options ??= new PgdOptions();
        options.Validate();
        var y = AttackInputs.Check("pgd", classifier, x, labels);
        var cleanScores = classifier.Scores(x);
        AttackInputs.CheckClasses("pgd", y, classifier.ClassCount(cleanScores));
        return TargetExpansion.Run(options.Target, y, classifier.Probabilities(cleanScores), firstIndex,
            targets => Attack(classifier, x, cleanScores, labels, targets, options, firstIndex));
    }

    private static AttackResult Attack(Classifier classifier, Tensor x, Tensor cleanScores, Tensor labels, int[] targets,
        PgdOptions options, long firstIndex)
    {
        var n = x.Shape[0];
        var targeted = n > 0 && targets[0] >= 0;
        var aim = targeted ? Tensor.FromArray(targets).To(labels.Device) : labels;
        var gradients = new int[n];
        var iterations = new int[n];
        Tensor? best = null;
        double[] bestLoss = [];
        bool[] bestSuccess = [];
        for (var restart = 0; restart < options.Restarts; restart++)
        {
            var candidate = RunOnce(classifier, x, aim, targeted, targets, labels, options, firstIndex, restart, gradients, iterations);
            var (success, loss) = Judge(classifier, candidate, aim, targeted, targets, labels);
            if (best is null)
            {
                (best, bestLoss, bestSuccess) = (candidate, loss, success);
                continue;
            }
            // A success beats a failure; between equals, the higher loss toward the aim (lower for a target) wins.
            var better = Enumerable.Range(0, n)
                .Select(i => (success[i] && !bestSuccess[i]) || (success[i] == bestSuccess[i] && (targeted ? loss[i] < bestLoss[i] : loss[i] > bestLoss[i])))
                .ToArray();
            best = Tensor.Where(PerExample(better, x), candidate, best);
            for (var i = 0; i < n; i++)
            {
                if (better[i])
                {
                    (bestLoss[i], bestSuccess[i]) = (loss[i], success[i]);
                }
            }
        }
        var work = Enumerable.Range(0, n).Select(i => new AttackWork(gradients[i], iterations[i])).ToArray();
        var name = options.Norm == PerturbationNorm.Linf ? "pgd-linf" : "pgd-l2";
        return AttackResult.Evaluate(name, classifier, x, cleanScores, best!, labels, targets, work, options.Epsilon);
    }

    private static Tensor RunOnce(Classifier classifier, Tensor x, Tensor aim, bool targeted, int[] targets, Tensor labels,
        PgdOptions options, long firstIndex, int restart, int[] gradients, int[] iterations)
    {
        var n = x.Shape[0];
        var adversarial = options.RandomStart ? RandomStart.Draw(x, options, firstIndex, restart) : x;
        adversarial = Project(adversarial, x, options, classifier);
        var active = Enumerable.Repeat(true, n).ToArray();
        for (var step = 0; step < options.Steps; step++)
        {
            // One scope per step: its forward, backward and the previous iterate (made here, never handed out) are recycled.
            using var scope = DeviceScope.Begin();
            var (gradient, scores) = classifier.LossGradientAndScores(adversarial, aim);
            if (options.EarlyStop)
            {
                var success = Succeeded(classifier, scores, targeted, targets, labels);
                for (var i = 0; i < n; i++)
                {
                    active[i] &= !success[i];
                }
                if (!active.Any(a => a))
                {
                    break;
                }
            }
            for (var i = 0; i < n; i++)
            {
                if (active[i])
                {
                    gradients[i]++;
                    iterations[i]++;
                }
            }
            var direction = options.Norm == PerturbationNorm.Linf
                ? gradient.Sign()
                : gradient / Tensor.Maximum(PerExampleNorm(gradient), Tensor.Scalar(1e-12, x.DType, x.Device));
            // x ← x ± α·d on the active examples (− toward a target), then back into the ball and the box.
            var move = direction * PerExample(active, x) * (targeted ? -options.Alpha : options.Alpha);
            var next = Project(adversarial + move, x, options, classifier);
            scope.Own(adversarial);
            adversarial = scope.Keep(next);
        }
        return adversarial;
    }

    // Onto the ε-ball around x (clip each pixel for L∞; rescale r = x′ − x to ‖r‖₂ ≤ ε for L2), then onto the box;
    // x lies in the box, so clipping to the box only shrinks |rᵢ| and keeps x′ in the ball.
    private static Tensor Project(Tensor adversarial, Tensor x, PgdOptions options, Classifier classifier)
    {
        var r = adversarial - x;
        if (options.Norm == PerturbationNorm.Linf)
        {
            r = r.Clamp(-options.Epsilon, options.Epsilon);
        }
        else
        {
            var norm = PerExampleNorm(r);
            var scale = Tensor.Minimum(Tensor.OnesLike(norm), options.Epsilon / Tensor.Maximum(norm, Tensor.Scalar(1e-12, x.DType, x.Device)));
            r = r * scale;
        }
        return (x + r).Clamp(classifier.LowerBound, classifier.UpperBound);
    }

    private static (bool[] Success, double[] Loss) Judge(Classifier classifier, Tensor candidate, Tensor aim, bool targeted, int[] targets, Tensor labels)
    {
        using var _ = Autodiff.NoGrad();
        var scores = classifier.Scores(candidate);
        var loss = classifier.Loss(new Variable(scores), aim, Reduction.None).Data.To(DType.Float64).To(Device.Cpu).ToArray<double>();
        return (Succeeded(classifier, scores, targeted, targets, labels), loss);
    }

    private static bool[] Succeeded(Classifier classifier, Tensor scores, bool targeted, int[] targets, Tensor labels)
    {
        var predictions = classifier.Predict(scores).To(Device.Cpu).ToArray<int>();
        var y = labels.To(Device.Cpu).ToArray<int>();
        return predictions.Select((p, i) => targeted ? p == targets[i] : p != y[i]).ToArray();
    }

    /// <summary>‖vₙ‖₂ of each example, shaped [N, 1, …, 1] to broadcast against v.</summary>
    internal static Tensor PerExampleNorm(Tensor v) =>
        v.Flatten(1).Norm(2, [1], keepDim: true).Reshape(BroadcastShape(v));

    /// <summary>A 1/0 mask per example, shaped [N, 1, …, 1] in x's dtype and device.</summary>
    private static Tensor PerExample(bool[] mask, Tensor like) =>
        Tensor.FromArray(mask.Select(m => m ? 1.0 : 0.0).ToArray()).Reshape(BroadcastShape(like)).To(like.DType).To(like.Device);

    private static int[] BroadcastShape(Tensor like) => [like.Shape[0], .. Enumerable.Repeat(1, like.Rank - 1)];
}
