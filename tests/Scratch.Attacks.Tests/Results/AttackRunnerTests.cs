using Scratch.Attacks.Tests.Support;

namespace Scratch.Attacks.Tests.Results;

public class AttackRunnerTests
{
    [Fact]
    public void InBatches_JoinsToTheOneBatchResult_WithTheImagesAsTheCleanBatch()
    {
        const int d = 20, classes = 4;
        var classifier = Classifier.FromModule(TestModels.Mlp(d, 12, classes, seed: 71, gain: 3));
        var (x, labels) = TestModels.Batch(10, d, classes, seed: 72, low: 0, high: 1);
        var whole = Fgsm.Run(classifier, x, labels, 0.2);
        var batches = new List<int>();
        var joined = AttackRunner.InBatches(x, labels, 3, (xb, yb, first) => [Fgsm.Run(classifier, xb, yb, 0.2, firstIndex: first)], batches.Add)[0];
        Assert.Equal(new[] { 3, 6, 9, 10 }, batches);
        // The batches were views of x: the joined clean batch is x itself, not a copy of it.
        Assert.Same(x, joined.Original);
        Assert.Equal(whole.Adversarial.ToArray<double>(), joined.Adversarial.ToArray<double>());
        // A batch of one takes GEMM's row-vector path: scores agree to rounding, decisions exactly.
        Assert.Equal(whole.Examples.Select(e => (e.Label, e.CleanPrediction, e.Prediction, e.Success)),
            joined.Examples.Select(e => (e.Label, e.CleanPrediction, e.Prediction, e.Success)));
        Assert.All(whole.Examples.Zip(joined.Examples), p =>
        {
            Assert.Equal(p.First.Confidence, p.Second.Confidence, 1e-6);
            Assert.Equal(p.First.Size.L2, p.Second.Size.L2, 12);
        });
    }

    [Fact]
    public void InBatches_RejectsANonPositiveBatchSize()
    {
        var (x, labels) = TestModels.Batch(2, 3, 2, seed: 73);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AttackRunner.InBatches(x, labels, 0, (xb, yb, _) => []));
        Assert.Equal("batchSize", e.ParamName);
    }
}
