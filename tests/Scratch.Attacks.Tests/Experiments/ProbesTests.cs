using Scratch.Attacks.Tests.Support;

namespace Scratch.Attacks.Tests.Experiments;

public class ProbesTests
{
    [Fact]
    public void ScoresAlongFgsmDirection_AreLinearInEpsilonForALinearModel()
    {
        var model = TestModels.SoftmaxRegression(10, 3, seed: 1);
        var classifier = Classifier.FromModule(model);
        var (x, labels) = TestModels.Batch(1, 10, 3, seed: 2);
        var eps = new[] { -2.0, -1.0, 0.0, 1.0, 2.0 };
        var rows = Probes.ScoresAlongFgsmDirection(classifier, x, labels, eps);
        var clean = classifier.Scores(x).ToArray<double>();
        for (var k = 0; k < 3; k++)
        {
            // One example's x·Wᵀ runs GEMM's one-row dot form, which rounds differently from the batched product by a
            // few ulps, and by how many depends on the SIMD width (GemmRowVector).
            Assert.Equal(clean[k], rows[2][k], 1e-14);
            Assert.Equal(rows[3][k] - rows[2][k], rows[4][k] - rows[3][k], 9);
            Assert.Equal(rows[1][k] - rows[0][k], rows[3][k] - rows[2][k], 9);
        }
        // Along +d the true class's loss rises: its logit falls relative to the others.
        var y = labels.ToArray<int>()[0];
        Assert.True(rows[4][y] - rows[4].Max() < rows[2][y] - rows[2].Max() + 1e-12);
    }

    [Fact]
    public void RubbishClass_CountsInputsGivenAClassWithProbabilityAboveOneHalf()
    {
        // Logits (3, 0) on every input: p = e³/(e³ + 1) ≈ 0.953 > 0.5 for class 0, so every input is an error.
        var confident = new Classifier(v => Variable.Concat([v.Sum(1, keepDim: true) * 0.0 + 3.0, v.Sum(1, keepDim: true) * 0.0], 1));
        var r = Probes.RubbishClass(confident, [4], 50, seed: 1, DType.Float64);
        Assert.Equal(1.0, r.ErrorRate);
        Assert.Equal(Math.Exp(3) / (Math.Exp(3) + 1), r.MeanConfidenceOnErrors, 12);
        // Equal logits over 3 classes: p = 1/3 everywhere, never an error.
        var unsure = new Classifier(v => Variable.Concat([v.Sum(1, keepDim: true) * 0.0, v.Sum(1, keepDim: true) * 0.0, v.Sum(1, keepDim: true) * 0.0], 1));
        var s = Probes.RubbishClass(unsure, [4], 50, seed: 1, DType.Float64);
        Assert.Equal(0.0, s.ErrorRate);
        Assert.True(double.IsNaN(s.MeanConfidenceOnErrors));
        Assert.Equal(1.0 / 3, s.MeanTopProbability, 12);
    }

    [Fact]
    public void RubbishClass_MoreInputsThanOneBatch_CountsEachInputOnce()
    {
        // 2,345 inputs (two whole batches and a partial one) through an MLP: the same counts as scoring every draw at once.
        const int count = 2345;
        var classifier = Classifier.FromModule(TestModels.Mlp(6, 8, 3, seed: 4, gain: 3));
        var x = Tensor.Randn([count, 6], new Generator(7), DType.Float64);
        var top = classifier.Probabilities(classifier.Scores(x)).Max(1).ToArray<double>();
        var errors = top.Count(p => p > 0.5);
        Assert.InRange(errors, 1, count - 1);

        var r = Probes.RubbishClass(classifier, [6], count, seed: 7, DType.Float64);

        Assert.Equal(errors / (double)count, r.ErrorRate);
        Assert.Equal(top.Where(p => p > 0.5).Average(), r.MeanConfidenceOnErrors, 12);
        Assert.Equal(top.Average(), r.MeanTopProbability, 12);
    }

    [Fact]
    public void Ensemble_AveragesTheMembersProbabilities()
    {
        var a = Classifier.FromModule(TestModels.Mlp(5, 4, 3, seed: 1, gain: 2));
        var b = Classifier.FromModule(TestModels.Mlp(5, 4, 3, seed: 2, gain: 2));
        var (x, _) = TestModels.Batch(4, 5, 3, seed: 3);
        var ensemble = Ensemble.Of([a, b]);
        var expected = ((a.Probabilities(a.Scores(x)) + b.Probabilities(b.Scores(x))) * 0.5).ToArray<double>();
        var actual = ensemble.Probabilities(ensemble.Scores(x)).ToArray<double>();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
        Assert.Throws<ArgumentException>(() => Ensemble.Of([]));
    }

    [Fact]
    public void UnitDirections_TopImagesAndFeatures()
    {
        var features = Tensor.FromArray(new[] { 1.0, 0.0, 3.0, -1.0, 2.0, 2.0 }, 3, 2);
        Assert.Equal(new[] { 1, 2 }, UnitDirections.TopImages(features, UnitDirections.Basis(2, 0), 2));
        Assert.Equal(new[] { 2, 0 }, UnitDirections.TopImages(features, UnitDirections.Basis(2, 1), 2));
        var v = UnitDirections.RandomDirection(50, seed: 3);
        Assert.Equal(1.0, Math.Sqrt(v.Sum(a => a * a)), 12);
        Assert.Equal(v, UnitDirections.RandomDirection(50, seed: 3));

        var model = TestModels.Mlp(6, 5, 2, seed: 4);
        var names = model.NamedParameters().Select(p => p.Name).ToArray();
        var (x, _) = TestModels.Batch(7, 6, 2, seed: 5);
        var h = UnitDirections.Features(model, 2, x, batchSize: 3).ToArray<double>();
        var expected = model.Children[1].Module.Forward(model.Children[0].Module.Forward(new Variable(x))).Data.ToArray<double>();
        Assert.Equal(expected, h);
        Assert.Equal(names, model.NamedParameters().Select(p => p.Name).ToArray());
        Assert.True(model.Training);
    }
}
