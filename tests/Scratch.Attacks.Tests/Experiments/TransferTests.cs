using Scratch.Attacks.Tests.Support;

namespace Scratch.Attacks.Tests.Experiments;

public class TransferTests
{
    [Fact]
    public void Matrix_RowsAreErrorRatesOfEachExampleSetOnEachModel()
    {
        const int d = 10, classes = 3;
        var a = Classifier.FromModule(TestModels.Mlp(d, 6, classes, seed: 1, gain: 3));
        var b = Classifier.FromModule(TestModels.Mlp(d, 6, classes, seed: 2, gain: 3));
        var (x, labels) = TestModels.Batch(40, d, classes, seed: 3);
        var attacked = Fgsm.Run(a, x, labels, 0.3);
        var matrix = Transfer.Matrix([("A", a), ("B", b)], [("clean", x, 0), ("made for A", attacked.Adversarial, attacked.Metrics().MeanDistortion)], labels);
        Assert.Equal(new[] { "A", "B" }, matrix.Models);
        var y = labels.ToArray<int>();
        double Manual(Classifier c, Tensor t) => c.Predict(c.Scores(t)).ToArray<int>().Where((p, i) => p != y[i]).Count() / 40.0;
        Assert.Equal(Manual(a, x), matrix.Rows[0].Errors[0]);
        Assert.Equal(Manual(b, attacked.Adversarial), matrix.Rows[1].Errors[1]);
        Assert.Equal(attacked.Metrics().ErrorRate, matrix.Rows[1].Errors[0], 12);
        Assert.Equal(Manual(a, x), Transfer.ErrorRate(a, x, labels, batchSize: 7));
    }

    [Fact]
    public void Amplify_RescalesEachPerturbationToTheRequestedRms()
    {
        var (x, _) = TestModels.Batch(5, 100, 2, seed: 4, low: 0.4, high: 0.6);
        var r = Tensor.Randn([5, 100], new Generator(5), DType.Float64) * 0.01;
        var amplified = Transfer.Amplify(x, x + r, 0.05);
        var rows = (amplified - x).ToArray<double>();
        for (var n = 0; n < 5; n++)
        {
            var rms = Math.Sqrt(rows.Skip(n * 100).Take(100).Sum(v => v * v) / 100);
            Assert.Equal(0.05, rms, 9);
        }
        Assert.Equal(0.05, Transfer.MeanDistortion(x, amplified), 9);
        Assert.Equal(x.ToArray<double>(), Transfer.Amplify(x, x, 0.1).ToArray<double>());
    }

    [Fact]
    public void GaussianNoise_IsSeededClippedAndOfTheRightScale()
    {
        var x = Tensor.Full([200, 50], 0.5, DType.Float64);
        var a = Transfer.GaussianNoise(x, 0.1, seed: 3);
        Assert.Equal(a.ToArray<double>(), Transfer.GaussianNoise(x, 0.1, seed: 3).ToArray<double>());
        Assert.NotEqual(a.ToArray<double>(), Transfer.GaussianNoise(x, 0.1, seed: 4).ToArray<double>());
        Assert.InRange(Transfer.MeanDistortion(x, a), 0.095, 0.105);
        Assert.All(Transfer.GaussianNoise(x, 3.0, seed: 3).ToArray<double>(), v => Assert.InRange(v, 0.0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Transfer.GaussianNoise(x, -1, 0));
    }
}
