using Scratch.Attacks.Tests.Support;

namespace Scratch.Attacks.Tests.Gradient;

public class FgsmTests
{
    [Fact]
    public void Run_SoftmaxRegression_EqualsTheClosedForm()
    {
        // J = −log softmax(Wx + b)_y, so ∇ₓJ = Wᵀ(softmax(Wx + b) − onehot(y)) and x′ = x + ε·sign(∇ₓJ) (eq. 6).
        const int d = 12, classes = 4;
        const double epsilon = 0.1;
        var model = TestModels.SoftmaxRegression(d, classes, seed: 3);
        var (x, labels) = TestModels.Batch(8, d, classes, seed: 4);
        var result = Fgsm.Run(Classifier.FromModule(model), x, labels, epsilon);

        var w = model.Weight.Value.ToArray<double>();
        var b = model.Bias!.Value.ToArray<double>();
        var xs = x.ToArray<double>();
        var y = labels.ToArray<int>();
        var actual = result.Adversarial.ToArray<double>();
        for (var n = 0; n < 8; n++)
        {
            var z = Enumerable.Range(0, classes).Select(k => b[k] + Enumerable.Range(0, d).Sum(i => w[k * d + i] * xs[n * d + i])).ToArray();
            var max = z.Max();
            var e = z.Select(v => Math.Exp(v - max)).ToArray();
            var p = e.Select(v => v / e.Sum()).ToArray();
            for (var i = 0; i < d; i++)
            {
                var g = Enumerable.Range(0, classes).Sum(k => w[k * d + i] * (p[k] - (k == y[n] ? 1 : 0)));
                Assert.Equal(xs[n * d + i] + epsilon * Math.Sign(g), actual[n * d + i]);
            }
        }
    }

    [Fact]
    public void Run_Targeted_RaisesTheTargetLogitAndLowersItsLoss()
    {
        const int d = 30, classes = 5;
        var model = TestModels.Mlp(d, 16, classes, seed: 5);
        var classifier = Classifier.FromModule(model);
        var (x, labels) = TestModels.Batch(16, d, classes, seed: 6);
        var result = Fgsm.Run(classifier, x, labels, 0.05, TargetPolicy.Random(9));
        var targets = result.Examples.Select(e => e.Target).ToArray();
        Assert.All(result.Examples, e => Assert.NotEqual(e.Label, e.Target));
        var before = classifier.Scores(x).ToArray<double>();
        var after = classifier.Scores(result.Adversarial).ToArray<double>();
        for (var n = 0; n < 16; n++)
        {
            Assert.True(after[n * classes + targets[n]] - LogSumExp(after, n, classes) > before[n * classes + targets[n]] - LogSumExp(before, n, classes),
                $"example {n}: the target's log-probability did not rise");
        }
    }

    [Fact]
    public void Run_ListOfEpsilons_UsesOneGradientAndMatchesSingleRuns()
    {
        const int d = 20, classes = 3;
        var classifier = Classifier.FromModule(TestModels.Mlp(d, 8, classes, seed: 1));
        var (x, labels) = TestModels.Batch(10, d, classes, seed: 2);
        var results = Fgsm.Run(classifier, x, labels, [0.0, 0.05, 0.3]);
        Assert.Equal(3, results.Count);
        for (var k = 0; k < 3; k++)
        {
            var single = Fgsm.Run(classifier, x, labels, results[k].Epsilon!.Value);
            Assert.Equal(single.Adversarial.ToArray<double>(), results[k].Adversarial.ToArray<double>());
            Assert.All(results[k].Examples, e => Assert.Equal(1, e.Work.Gradients));
        }
        // ε = 0 changes nothing; the largest ε clips into the box and moves every pixel with a non-zero gradient.
        Assert.Equal(x.ToArray<double>(), results[0].Adversarial.ToArray<double>());
        Assert.All(results[2].Examples, e => Assert.True(e.Size.Linf <= 0.3 + 1e-12));
    }

    [Fact]
    public void Run_TrainedFc10OnMnist_BreaksAtLeast90PercentAtEpsilonQuarter()
    {
        var (model, images, labels) = TestModels.MnistFc10;
        var result = Fgsm.Run(Classifier.FromModule(model), images, labels, 0.25);
        var metrics = result.Metrics();
        Assert.True(metrics.CleanAccuracy > 0.8, $"clean accuracy {metrics.CleanAccuracy:P1}: the model did not train");
        Assert.True(metrics.SuccessRate >= 0.9, $"FGSM ε = 0.25 broke {metrics.SuccessRate:P1} of the correctly classified examples; expected ≥ 90%");
        Assert.True(metrics.ErrorRate >= 0.9, $"error after FGSM {metrics.ErrorRate:P1}");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Run_BadEpsilon_IsAClearError(double epsilon)
    {
        var classifier = Classifier.FromModule(TestModels.Mlp(4, 3, 2, seed: 1));
        var (x, labels) = TestModels.Batch(2, 4, 2, seed: 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Fgsm.Run(classifier, x, labels, epsilon));
        Assert.Contains("epsilon", e.Message);
        Assert.Contains(epsilon.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    private static double LogSumExp(double[] z, int n, int classes)
    {
        var row = z.AsSpan(n * classes, classes).ToArray();
        var max = row.Max();
        return max + Math.Log(row.Sum(v => Math.Exp(v - max)));
    }
}
