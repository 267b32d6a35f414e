using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Nn.Tests.Training;

public class TrainerTests
{
    private static readonly LossFunction CrossEntropy = Objective.CrossEntropy.LossFunction;

    [Fact]
    public void TrainEpoch_RealMnistSubset_ReachesLooseAccuracy()
    {
        var model = ModelZoo.Create("fc100-100-10", new Generator(0));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 2e-3), CrossEntropy, seed: 0);
        var train = MnistSubset.Train.AsSource();
        Metrics? last = null;
        var reports = 0;
        for (var e = 0; e < 3; e++)
        {
            last = trainer.TrainEpoch(train, 32, _ => reports++);
        }
        var test = Trainer.Evaluate(model, MnistSubset.Test.AsSource(), Objective.CrossEntropy);
        Assert.Equal(3 * 157, reports);
        Assert.Equal(5000, last!.Examples);
        Assert.True(last.ExamplesPerSecond > 0);
        Assert.Equal(1000, test.Examples);
        // fc100-100-10 after 3 epochs on 5,000 images: about 10% test error; a broken loop stays near 90%.
        Assert.True(test.Error < 0.12, $"test error {test.Error:P2} after 3 epochs on 5,000 MNIST images; expected < 12%");
        Assert.True(test.Loss < 0.5, $"test loss {test.Loss}");
    }

    [Fact]
    public void TrainEpoch_SameSeed_GivesTheSameWeightsBitForBit()
    {
        var data = MnistSubset.Train.Range(0, 2000).AsSource();
        float[][] Run()
        {
            var model = ModelZoo.Create("fc100-100-10", new Generator(7));
            new Trainer(model, new Sgd(model.Parameters(), 0.1, momentum: 0.9), CrossEntropy, seed: 7).TrainEpoch(data, 64);
            return model.Parameters().Select(p => p.Value.ToArray<float>()).ToArray();
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a.Length, b.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i]);
        }
    }

    [Fact]
    public void TrainEpoch_DifferentSeed_ChangesTheOrder()
    {
        var data = MnistSubset.Train.Range(0, 500).AsSource();
        float[] Run(ulong seed)
        {
            var model = ModelZoo.Create("fc10", new Generator(0));
            new Trainer(model, new Sgd(model.Parameters(), 0.1), CrossEntropy, seed).TrainEpoch(data, 50);
            return model.Parameters()[0].Value.ToArray<float>();
        }
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void Step_IsTheEpochsStep_AndTrainEpochOverGivenBatchesKeepsTheirOrder()
    {
        // An epoch over batches given in order takes exactly the steps Step takes on the same batches.
        var batches = MnistSubset.Train.Range(0, 300).AsSource().Batches(100).ToList();
        var byEpoch = ModelZoo.Create("fc10", new Generator(3));
        var byStep = ModelZoo.Create("fc10", new Generator(3));
        var epoch = new Trainer(byEpoch, new Sgd(byEpoch.Parameters(), 0.1, momentum: 0.9), CrossEntropy).TrainEpoch(batches);
        var stepper = new Trainer(byStep, new Sgd(byStep.Parameters(), 0.1, momentum: 0.9), CrossEntropy);
        var losses = batches.Select(b => stepper.Step(b.Images, b.Labels)).ToList();
        Assert.Equal(byEpoch.Parameters()[0].Value.ToArray<float>(), byStep.Parameters()[0].Value.ToArray<float>());
        Assert.Equal(losses.Average(s => s.Loss), epoch.Loss, 12);
        Assert.Equal((double)losses.Sum(s => s.Correct!.Value) / 300, epoch.Accuracy, 12);
        Assert.All(losses, s => Assert.Equal(100, s.Examples));
    }

    [Fact]
    public void Step_CustomLoss_IsMinimisedAndThePenaltyAdded()
    {
        // A loss from the caller: the squared distance of fc10-1's logits to 1. The step descends loss + penalty.
        var model = ModelZoo.Create("fc10-1", new Generator(0));
        LossFunction towardsOne = (m, x, _) => (m.Forward(new Variable(x)) - 1.0).Square().Mean();
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.05), towardsOne);
        var (images, labels) = MnistSubset.Train.Range(0, 64).AsSource().Batches(64).First();
        var penalty = model.Penalty().Item();
        var first = trainer.Step(images, labels);
        Assert.Equal(first.Loss + penalty, first.Objective, 4);
        Assert.True(penalty > 1, $"fc10-1's λ = 1 penalty on its initial weights is several units, not {penalty}");
        Assert.Null(first.Correct);
        StepResult last = first;
        for (var i = 0; i < 20; i++)
        {
            last = trainer.Step(images, labels);
        }
        Assert.True(last.Objective < first.Objective / 2, $"objective {first.Objective} → {last.Objective}");
    }

    [Fact]
    public void TrainEpoch_LossWithoutPredictions_ReportsNaNAccuracy()
    {
        var model = ModelZoo.Create("fc10", new Generator(0));
        LossFunction lossOnly = (m, x, y) => Objective.CrossEntropy.Loss(m.Forward(new Variable(x)), y);
        var metrics = new Trainer(model, new Sgd(model.Parameters(), 0.1), lossOnly).TrainEpoch(MnistSubset.Train.Range(0, 100).AsSource(), 50);
        Assert.True(double.IsNaN(metrics.Accuracy));
        Assert.True(metrics.Loss is > 0 and < 5);
    }

    [Fact]
    public void Step_LossThatIsNotAScalar_Throws()
    {
        var model = ModelZoo.Create("fc10", new Generator(0));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1), (m, x, _) => m.Forward(new Variable(x)));
        var (images, labels) = MnistSubset.Train.Range(0, 4).AsSource().Batches(4).First();
        Assert.Contains("expected a scalar", Assert.Throws<ArgumentException>(() => trainer.Step(images, labels)).Message);
    }

    [Fact]
    public void TrainEpoch_Schedule_SetsTheRatePerEpoch()
    {
        var model = ModelZoo.Create("fc10", new Generator(0));
        var sgd = new Sgd(model.Parameters(), 0.4);
        var trainer = new Trainer(model, sgd, CrossEntropy, schedule: new StepLr(1, 0.5));
        var data = MnistSubset.Train.Range(0, 100).AsSource();
        trainer.TrainEpoch(data, 50);
        Assert.Equal(0.4, sgd.LearningRate);
        trainer.TrainEpoch(data, 50);
        Assert.Equal(0.2, sgd.LearningRate);
        Assert.Equal(2, trainer.EpochsDone);
    }

    [Fact]
    public void TrainEpoch_MomentumRamp_SetsTheMomentumPerEpoch()
    {
        var model = ModelZoo.Create("fc10", new Generator(0));
        var sgd = new Sgd(model.Parameters(), 0.1, momentum: 0.9);
        var trainer = new Trainer(model, sgd, CrossEntropy, momentum: new MomentumRamp(0.5, 0.7, epochs: 2));
        var data = MnistSubset.Train.Range(0, 100).AsSource();
        double[] expected = [0.5, 0.6, 0.7, 0.7];
        foreach (var mu in expected)
        {
            trainer.TrainEpoch(data, 50);
            Assert.Equal(mu, sgd.Momentum, 1e-15);
        }
    }

    [Fact]
    public void Constructor_MomentumRampWithAdam_Throws()
    {
        var model = ModelZoo.Create("fc10", new Generator(0));
        var e = Assert.Throws<ArgumentException>(() => new Trainer(model, new Adam(model.Parameters(), 1e-3), CrossEntropy, momentum: new MomentumRamp(0.5, 0.7, 2)));
        Assert.Contains("needs SGD", e.Message);
    }

    [Fact]
    public void Evaluate_DropoutModel_IsDeterministicAndRestoresTrainingMode()
    {
        var model = ModelZoo.Create("maxout", new Generator(0));
        var data = MnistSubset.Test.Range(0, 200).AsSource();
        var a = Trainer.Evaluate(model, data, Objective.CrossEntropy, 64);
        var b = Trainer.Evaluate(model, data, Objective.CrossEntropy, 200);
        Assert.True(model.Training);
        Assert.Equal(a.Accuracy, b.Accuracy);
        Assert.Equal(a.Loss, b.Loss, 1e-5);
    }

    [Fact]
    public void TrainEpoch_LogisticRegressionOnSeparableData_LearnsIt()
    {
        // Class 1 images are bright in the top half, class 0 in the bottom half.
        var count = 200;
        var pixels = new float[count * 784];
        var labels = new int[count];
        for (var n = 0; n < count; n++)
        {
            labels[n] = n % 2;
            for (var i = 0; i < 784; i++)
            {
                pixels[n * 784 + i] = (i < 392) == (labels[n] == 1) ? 1f : 0f;
            }
        }
        var data = new TensorDataset(Tensor.FromArray(pixels, count, 1, 28, 28), Tensor.FromArray(labels));
        var model = ModelZoo.Create("logreg", new Generator(0));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1), Objective.Logistic.LossFunction);
        trainer.TrainEpoch(data, 20);
        Assert.Equal(1.0, Trainer.Evaluate(model, data, Objective.Logistic).Accuracy);
    }
}
