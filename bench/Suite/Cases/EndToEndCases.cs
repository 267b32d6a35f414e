using Scratch.Attacks;
using Scratch.BenchSuite.Harness;
using Scratch.Nn;
using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.BenchSuite.Cases;

/// <summary>
/// End-to-end work on the CPU: an MLP training step (batch 128) and epoch (60,000 images), a conv-net step,
/// FGSM over 10,000 images in batches of 1,000, Szegedy's attack at c = 0.1 toward the runner-up class on one
/// image and on 100 in lockstep, and 12 iterations of L-BFGS-B at n = 10⁶ (m = 10, box [−1, 1]).
/// Images are the suite's pixels, labels its labels; the steps' first losses and FGSM's adversarial images are compared.
/// </summary>
public static class EndToEndCases
{
    /// <summary>Every end-to-end case (the CPU engines only).</summary>
    public static IEnumerable<BenchCase> For(Engine engine, string mode, int threads)
    {
        if (engine.IsReference || engine.IsGpu)
        {
            yield break;
        }
        yield return Case("MLP step (batch 128)", threads, 1e-5, () => Step(Models.Mlp(), Images(128, 1, 784), Inputs.Labels(128, 2, 10)));
        yield return Case("MLP epoch (60,000 images)", threads, 1e-5, () => Step(Models.Mlp(), Images(60_000, 3, 784), Inputs.Labels(60_000, 2, 10)));
        yield return Case("conv-net step (batch 128)", threads, 1e-4, () => Step(Models.ConvNet(), Images(128, 1, 784), Inputs.Labels(128, 2, 10)));
        yield return Case("FGSM, 10,000 images (batches of 1,000)", threads, 1e-3, Fgsm);
        yield return Case("Szegedy L-BFGS, 1 image", threads, 0, () => Szegedy(1));
        yield return Case("Szegedy L-BFGS, 100 images in lockstep", threads, 0, () => Szegedy(100));
        yield return Case("L-BFGS-B, 12 iterations at n = 10⁶", threads, 0, LbfgsbQuadratic.Prepare);
    }

    private static BenchCase Case(string name, int threads, double tolerance, Func<Prepared> prepare) =>
        new("end-to-end", "end-to-end", name, 0, threads, 0, 0, tolerance, prepare);

    private static Tensor Images(int count, int stream, int pixels) =>
        Tensor.FromArray(Inputs.Pixels((long)count * pixels, stream), count, 1, 28, 28);

    // One Trainer.Step per batch of 128, in order: forward, cross-entropy, backward and an SGD step (lr 0.01,
    // momentum 0.9), with the trainer's memory reuse on, as the CLI's training runs it (docs/memory.md).
    private static Prepared Step(Module model, Tensor images, int[] labelValues)
    {
        var labels = Tensor.FromArray(labelValues);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.01, momentum: 0.9), Objective.CrossEntropy.LossFunction) { ReuseParameterMemory = true };
        int n = images.Shape[0];
        double? firstLoss = null;
        return new Prepared(() =>
        {
            for (int start = 0; start < n; start += 128)
            {
                int size = Math.Min(128, n - start);
                var step = trainer.Step(images.Narrow(0, start, size), labels.Narrow(0, start, size));
                firstLoss ??= step.Loss;
            }
        }, () => [firstLoss!.Value]);
    }

    // Each call runs in a DeviceScope, as a caller's loop would (docs/memory.md): the call's x′ is recycled when it
    // ends, as PyTorch frees the previous call's when it is replaced; the misclassified count and, on the first call,
    // x′'s values are read inside it.
    private static Prepared Fgsm()
    {
        var classifier = Classifier.FromModule(Models.Mlp());
        var images = Images(10_000, 4, 784);
        var labels = Tensor.FromArray(Inputs.Labels(10_000, 5, 10));
        double[]? adversarial = null;
        int misclassified = 0;
        return new Prepared(
            () =>
            {
                using var scope = DeviceScope.Begin();
                var result = AttackRunner.InBatches(images, labels, 1000, (x, y, first) => [Scratch.Attacks.Fgsm.Run(classifier, x, y, 0.25, firstIndex: first)])[0];
                misclassified = result.Examples.Count(e => e.Success);
                adversarial ??= result.Adversarial.To(DType.Float64).Reshape(-1).ToArray<double>();
            },
            () => adversarial!,
            () => $"{misclassified} of 10,000 misclassified at ε = 0.25");
    }

    private static Prepared Szegedy(int count)
    {
        var classifier = Classifier.FromModule(Models.Mlp());
        var images = Images(count, 6, 784);
        var labels = Tensor.FromArray(Inputs.Labels(count, 7, 10));
        var options = new LbfgsAttackOptions
        {
            InitialC = 0.1, MaxBracketSteps = 0, BisectionSteps = 0, Target = TargetPolicy.RunnerUp,
            Solver = new LbfgsbOptions { MaxIterations = 100 },
        };
        AttackResult? result = null;
        return new Prepared(() => result = LbfgsAttack.Run(classifier, images, labels, options), null,
            () => $"{result!.Examples.Count(e => e.Success)}/{count} reached the runner-up class, mean ‖r‖₂ {result.Examples.Average(e => e.Size.L2):F3}, " +
                  $"{result.Examples.Sum(e => e.Work.Gradients)} gradients");
    }
}
