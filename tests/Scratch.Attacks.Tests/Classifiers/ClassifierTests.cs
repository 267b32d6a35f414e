using Scratch.Attacks.Tests.Support;

namespace Scratch.Attacks.Tests.Classifiers;

public class ClassifierTests
{
    [Fact]
    public void FromModule_Forward_RecordsNoPathToTheWeights()
    {
        var model = TestModels.Mlp(6, 4, 3, seed: 1);
        var classifier = Classifier.FromModule(model);
        var (x, labels) = TestModels.Batch(2, 6, 3, seed: 2);
        var input = new Variable(x, requiresGrad: true);
        var loss = classifier.Loss(classifier.Forward(input), labels);
        loss.Backward();
        Assert.NotNull(input.Grad);
        Assert.All(model.Parameters(), p => Assert.Null(p.Gradient));
        // Outside the view the same module still records its weights.
        Losses.CrossEntropy(model.Forward(new Variable(x)), labels).Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Gradient));
    }

    [Fact]
    public void FromModule_Forward_RunsInEvalModeAndRestoresEachModulesMode()
    {
        var dropout = new Dropout(0.5, new Generator(3));
        var model = new Sequential(new Flatten(), dropout, new Linear(4, 2, new Generator(4)));
        model.Train();
        dropout.Eval();
        model.Children[0].Module.Train();
        var x = Tensor.Ones([3, 4]);
        var classifier = Classifier.FromModule(model);
        // Twice the same scores: dropout is off inside the view.
        Assert.Equal(classifier.Scores(x).ToArray<float>(), classifier.Scores(x).ToArray<float>());
        Assert.True(model.Training);
        Assert.False(dropout.Training);
        Assert.True(model.Children[0].Module.Training);
    }

    [Fact]
    public void FromModule_InTrainingDropout_ViewIsDeterministicWhileTheModuleStaysInTraining()
    {
        var model = new Sequential(new Dropout(0.5, new Generator(3)), new Linear(4, 2, new Generator(4)));
        model.Train();
        var x = Tensor.Ones([8, 4]);
        var viewScores = Classifier.FromModule(model).Scores(x).ToArray<float>();
        var evalScores = model.Eval().Forward(new Variable(x)).Data.ToArray<float>();
        Assert.Equal(evalScores, viewScores);
    }

    [Fact]
    public void Scores_RunInTheirOwnScope_KeepOnlyTheResult()
    {
        // The forward's intermediates go back to the pool when Scores returns; the scores themselves stay readable,
        // outside any scope and after a caller's scope that was open around the call has moved on to other work.
        var model = TestModels.Mlp(6, 4, 3, seed: 1);
        var classifier = Classifier.FromModule(model);
        var (x, _) = TestModels.Batch(5, 6, 3, seed: 2);
        double[] expected;
        using (Autodiff.NoGrad())
        {
            expected = classifier.Forward(new Variable(x)).Data.To(DType.Float64).ToArray<double>();
        }
        Assert.Equal(expected, classifier.Scores(x).To(DType.Float64).ToArray<double>());
        using var outer = DeviceScope.Begin();
        var scores = classifier.Scores(x);
        classifier.Scores(x.Narrow(0, 1, 3));
        Assert.Equal(expected, scores.To(DType.Float64).ToArray<double>());
    }

    [Fact]
    public void Probabilities_UnitKind_AreTheUnitsOwnProbabilitiesNotRenormalised()
    {
        var rbf = new Rbf(5, 3, new Generator(5), initialPrecision: 2.0);
        var classifier = Classifier.FromModule(rbf, OutputKind.UnitProbabilities);
        var (x, labels) = TestModels.Batch(4, 5, 3, seed: 6, dtype: DType.Float32);
        var scores = classifier.Scores(x).ToArray<float>();
        var result = Fgsm.Run(classifier, x, labels, 0.25);
        var advScores = classifier.Scores(result.Adversarial).ToArray<float>();
        for (var n = 0; n < 4; n++)
        {
            var e = result.Examples[n];
            Assert.Equal(Math.Exp(scores[n * 3 + e.CleanPrediction]), e.CleanConfidence, 1e-6);
            Assert.Equal(Math.Exp(advScores[n * 3 + e.Prediction]), e.Confidence, 1e-6);
        }
        // Far from every centre each unit's probability is small, and the three do not sum to 1.
        var p = classifier.Probabilities(classifier.Scores(Tensor.Ones([1, 5]) * 0.0)).ToArray<float>();
        Assert.NotEqual(1.0, p.Sum(), 3);
    }

    [Fact]
    public void Loss_UnitKind_IsTheUnitsLikelihood()
    {
        // FGSM on an RBF network differentiates the loss it is trained with, not a softmax over its scores.
        var scores = new Variable(Tensor.FromArray(new[] { -0.5, -2.0, -0.1 }, 1, 3));
        var labels = Tensor.FromArray(new[] { 1 });
        var units = new Classifier(v => v, OutputKind.UnitProbabilities).Loss(scores, labels).Item();
        Assert.Equal(2.0 - Math.Log(1 - Math.Exp(-0.5)) - Math.Log(1 - Math.Exp(-0.1)), units, 1e-12);
        Assert.NotEqual(new Classifier(v => v).Loss(scores, labels).Item(), units, 3);
    }

    [Fact]
    public void OneLogit_PredictsAndScoresTwoClasses()
    {
        var w = Tensor.FromArray(new[] { 2.0, -1.0 }, 1, 2);
        var classifier = new Classifier(v => v.MatMul(new Variable(w).MT), OutputKind.OneLogit);
        var x = Tensor.FromArray(new[] { 1.0, 0.0, 0.0, 1.0 }, 2, 2);
        var scores = classifier.Scores(x);
        Assert.Equal(new[] { 1, 0 }, classifier.Predict(scores).ToArray<int>());
        var p = classifier.Probabilities(scores).ToArray<double>();
        Assert.Equal(1 / (1 + Math.Exp(-2)), p[1], 12);
        Assert.Equal(1 - p[1], p[0], 12);
        Assert.Equal(1 / (1 + Math.Exp(1)), p[3], 12);
        // FGSM on the one logit: ∇ₓζ(−(2y−1)z) = −(2y−1)σ(−(2y−1)z)·w, so sign(∇ₓJ) = −(2y−1)·sign(w).
        var result = Fgsm.Run(classifier, x * 0.5 + 0.25, Tensor.FromArray([1, 0]), 0.1);
        var r = (result.Adversarial - (x * 0.5 + 0.25)).ToArray<double>();
        Assert.Equal(new[] { -0.1, 0.1, 0.1, -0.1 }, r.Select(v => Math.Round(v, 12)).ToArray());
    }

    [Fact]
    public void Preprocessing_AttacksWorkInPixelSpace()
    {
        var model = TestModels.Mlp(4, 3, 2, seed: 7);
        var pre = new Preprocessing(Tensor.Scalar(0.5, DType.Float64), Tensor.Scalar(0.25, DType.Float64));
        var classifier = Classifier.FromModule(model, preprocessing: pre);
        var (x, labels) = TestModels.Batch(3, 4, 2, seed: 8);
        var expected = model.Eval().Forward(new Variable((x - 0.5) / 0.25)).Data.ToArray<double>();
        Assert.Equal(expected, classifier.Scores(x).ToArray<double>());
        var result = Fgsm.Run(classifier, x, labels, 0.05);
        Assert.All(result.Examples, e => Assert.Equal(0.05, e.Size.Linf, 12));
        Assert.Throws<ArgumentException>(() => new Preprocessing(Tensor.Scalar(0), Tensor.Scalar(0)));
    }

    [Fact]
    public void Constructor_BadBounds_AreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Classifier(v => v, lowerBound: 1, upperBound: 0));
        Assert.Contains("[1, 0]", e.Message);
    }
}
