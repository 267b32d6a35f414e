using Scratch.Attacks.Tests.Support;

namespace Scratch.Attacks.Tests.Experiments;

public class AdversarialTrainingTests
{
    [Fact]
    public void GoodfellowLoss_IsTheMixtureOfTheCleanAndTheFgsmLoss()
    {
        const int d = 12, classes = 3;
        var model = TestModels.Mlp(d, 8, classes, seed: 1, gain: 2);
        var view = Classifier.FromModule(model);
        var (x, labels) = TestModels.Batch(6, d, classes, seed: 2);
        var adversarial = Fgsm.Run(view, x, labels, 0.2).Adversarial;
        var clean = Losses.CrossEntropy(model.Forward(new Variable(x)), labels).Item();
        var perturbed = Losses.CrossEntropy(model.Forward(new Variable(adversarial)), labels).Item();
        Assert.Equal(clean, AdversarialTraining.GoodfellowLoss(model, view, x, labels, 0.2, alpha: 1).Item(), 12);
        Assert.Equal(perturbed, AdversarialTraining.GoodfellowLoss(model, view, x, labels, 0.2, alpha: 0).Item(), 12);
        var loss = AdversarialTraining.GoodfellowLoss(model, view, x, labels, 0.2);
        Assert.Equal(0.5 * clean + 0.5 * perturbed, loss.Item(), 12);
        loss.Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Gradient));
    }

    [Fact]
    public void LogisticAdversarialLoss_EqualsTheLogisticLossAtTheFgsmPoint()
    {
        // For z = wᵀx + b, FGSM moves x by −ε·y·sign(w), so z′ = z − ε·y‖w‖₁ and ζ(−y z′) = ζ(ε‖w‖₁ − y z).
        const int d = 8;
        var g = new Generator(3);
        var w = Tensor.Randn([1, d], g, DType.Float64);
        var x = Tensor.Rand([5, d], g, DType.Float64);
        var labels = Tensor.FromArray([1, 0, 1, 1, 0]);
        var ys = labels.ToArray<int>().Select(v => 2.0 * v - 1).ToArray();
        var perturbed = x - Tensor.FromArray(ys, 5, 1) * w.Sign() * 0.1;
        var expected = Losses.LogisticLoss(new Variable(perturbed.MatMul(w.MT)), labels).Item();
        var actual = AdversarialTraining.LogisticAdversarialLoss(new Variable(x.MatMul(w.MT)), new Variable(w), labels, 0.1).Item();
        Assert.Equal(expected, actual, 12);
    }

    [Fact]
    public void NoiseLoss_SignNoiseMovesEveryPixelByEpsilon()
    {
        var model = TestModels.Mlp(6, 4, 2, seed: 4);
        var view = Classifier.FromModule(model);
        var (x, labels) = TestModels.Batch(3, 6, 2, seed: 5);
        var a = AdversarialTraining.NoiseLoss(model, view, x, labels, 0.1, TrainingNoise.Sign, new Generator(1)).Item();
        var b = AdversarialTraining.NoiseLoss(model, view, x, labels, 0.1, TrainingNoise.Sign, new Generator(1)).Item();
        Assert.Equal(a, b);
        Assert.NotEqual(a, AdversarialTraining.NoiseLoss(model, view, x, labels, 0.1, TrainingNoise.Uniform, new Generator(1)).Item());
        Assert.Throws<ArgumentOutOfRangeException>(() => AdversarialTraining.NoiseLoss(model, view, x, labels, 0.1, TrainingNoise.Sign, new Generator(1), alpha: 2));
    }
}
