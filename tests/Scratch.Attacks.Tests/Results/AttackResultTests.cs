using Scratch.Attacks.Tests.Support;

namespace Scratch.Attacks.Tests.Results;

public class AttackResultTests
{
    [Fact]
    public void Evaluate_RePredictsTheClippedExampleInsteadOfTrustingTheAttack()
    {
        // A one-pixel linear model: class 1 when x > 0.5. The "attack" returns 1.7, outside the box; clipped to 1 it
        // is still class 1, and the norms are those of the clipped perturbation.
        var classifier = new Classifier(v => Variable.Concat([v * -1.0 + 0.5, v - 0.5], 1), OutputKind.Logits);
        var x = Tensor.FromArray(new[] { 0.2, 0.9 }, 2, 1);
        var adversarial = Tensor.FromArray(new[] { 1.7, 0.9 }, 2, 1);
        var result = AttackResult.Evaluate("test", classifier, x, adversarial, Tensor.FromArray([0, 1]), [-1, 0], [new AttackWork(1, 1), new AttackWork(1, 1)]);
        Assert.Equal(new[] { 1.0, 0.9 }, result.Adversarial.ToArray<double>());
        var (a, b) = (result.Examples[0], result.Examples[1]);
        Assert.Equal((0, 1, true), (a.CleanPrediction, a.Prediction, a.Success));
        Assert.Equal(0.8, a.Size.Linf, 12);
        Assert.Equal(1, a.Size.L0);
        Assert.Equal(0.8, a.Size.Distortion, 12);
        // Targeted toward 0 but still class 1: a failure, whatever the attack believed.
        Assert.False(b.Success);
        Assert.Equal(0, b.Size.L0);
    }

    [Fact]
    public void Evaluate_Float32Batch_MeasuresTheSameSizesAsItsFloat64Copy()
    {
        // Float32 batches are measured in place (widened as read), others through doubles: the sizes must agree bit for
        // bit. 7 rows of 13 run through the four-row groups, the rows left over and every tail; a third of x′ is unchanged.
        var g = new Generator(3);
        var x = Tensor.Rand([7, 13], g);
        var step = Tensor.Rand([7, 13], g) * 0.4 - 0.2;
        var adversarial = x + step * Tensor.Greater(Tensor.Rand([7, 13], g), Tensor.Scalar(0.33, DType.Float32, Device.Cpu)).To(DType.Float32);
        var labels = Tensor.FromArray([0, 1, 2, 0, 1, 2, 0]);
        var targets = Enumerable.Repeat(-1, 7).ToArray();
        var work = Enumerable.Repeat(new AttackWork(1, 1), 7).ToArray();
        var single = AttackResult.Evaluate("test", Classifier.FromModule(TestModels.Mlp(13, 3, 3, seed: 1).To(DType.Float32)), x, adversarial, labels, targets, work);
        var dbl = AttackResult.Evaluate("test", Classifier.FromModule(TestModels.Mlp(13, 3, 3, seed: 1)), x.To(DType.Float64), adversarial.To(DType.Float64), labels, targets, work);
        Assert.Equal(dbl.Examples.Select(e => e.Size), single.Examples.Select(e => e.Size));
        Assert.Contains(single.Examples, e => e.Size.L0 is > 0 and < 13);
    }

    [Fact]
    public void Metrics_FollowTheirDefinitions()
    {
        static AdversarialExample E(int label, int clean, int pred, double conf, bool success, double distortion) =>
            new(label, -1, clean, 0.9, pred, conf, success, new PerturbationSize(1, distortion * 2, distortion, distortion), new AttackWork(2, 2));
        var examples = new[]
        {
            E(0, 0, 1, 0.8, true, 0.1),   // correct, broken
            E(0, 0, 0, 0.6, false, 0.2),  // correct, resisted
            E(1, 2, 2, 0.7, true, 0.3),   // wrong before, still wrong
            E(1, 1, 0, 0.9, true, 0.5),   // correct, broken
        };
        var m = AttackMetrics.Of(examples);
        Assert.Equal(0.75, m.CleanAccuracy);
        Assert.Equal(0.75, m.ErrorRate);
        Assert.Equal(2.0 / 3, m.SuccessRate, 12);
        Assert.Equal(0.75, m.MeanConfidence, 12);
        Assert.Equal(0.8, m.MeanConfidenceOnMistakes, 12);
        Assert.Equal(0.3, m.MeanDistortion, 12);
        Assert.Equal(1.96 * 0.2 / Math.Sqrt(3), m.DistortionInterval95, 12);
        Assert.Equal(2, m.PerClass.Count);
        Assert.Equal(new ClassMetrics(0, 2, 1.0, 0.5, 0.5, 0.1), m.PerClass[0]);
    }

    [Fact]
    public void Attacks_EveryReportedSuccessRePredictsAsOneAndStaysInTheBox()
    {
        const int d = 20, classes = 4;
        var classifier = Classifier.FromModule(TestModels.Mlp(d, 12, classes, seed: 51, gain: 3));
        var (x, labels) = TestModels.Batch(10, d, classes, seed: 52, low: 0, high: 1);
        var results = new[]
        {
            Fgsm.Run(classifier, x, labels, 0.2),
            Fgsm.Run(classifier, x, labels, 0.2, TargetPolicy.RunnerUp),
            Pgd.Run(classifier, x, labels, new PgdOptions { Epsilon = 0.2, Steps = 10 }),
            LbfgsAttack.Run(classifier, x, labels, new LbfgsAttackOptions { BisectionSteps = 2 }),
        };
        foreach (var result in results)
        {
            var adv = result.Adversarial;
            Assert.All(adv.ToArray<double>(), v => Assert.InRange(v, 0.0, 1.0));
            var predictions = classifier.Predict(classifier.Scores(adv)).ToArray<int>();
            for (var n = 0; n < 10; n++)
            {
                var e = result.Examples[n];
                Assert.Equal(predictions[n], e.Prediction);
                Assert.Equal(e.IsTargeted ? predictions[n] == e.Target : predictions[n] != e.Label, e.Success);
            }
        }
    }

    [Fact]
    public void AllOthers_KeepsTheSmallestSuccessfulPerturbationOverEveryTarget()
    {
        const int d = 20, classes = 3;
        var classifier = Classifier.FromModule(TestModels.Mlp(d, 12, classes, seed: 61, gain: 4));
        var (x, labels) = TestModels.Batch(4, d, classes, seed: 62);
        var options = new LbfgsAttackOptions { BisectionSteps = 3 };
        var all = LbfgsAttack.Run(classifier, x, labels, options with { Target = TargetPolicy.AllOthers });
        var y = labels.ToArray<int>();
        for (var n = 0; n < 4; n++)
        {
            var perTarget = Enumerable.Range(0, classes).Where(k => k != y[n])
                .Select(k => LbfgsAttack.Run(classifier, x.Narrow(0, n, 1), labels.Narrow(0, n, 1), options with { Target = TargetPolicy.Class(k) }).Examples[0])
                .Where(e => e.Success).ToArray();
            Assert.Equal(perTarget.Length > 0, all.Examples[n].Success);
            if (perTarget.Length > 0)
            {
                Assert.Equal(perTarget.Min(e => e.Size.L2), all.Examples[n].Size.L2, 1e-6);
            }
        }
    }
}
