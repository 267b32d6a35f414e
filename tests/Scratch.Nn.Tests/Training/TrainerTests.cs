using Scratch.Data.Sets;
using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Nn.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void TrainEpoch_RealMnistSubset_ReachesLooseAccuracy()
    {
        var model = ModelZoo.Create("fc100-100-10", new Generator(0));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 2e-3), seed: 0);
        Metrics? last = null;
        var reports = 0;
        for (var e = 0; e < 3; e++)
        {
            last = trainer.TrainEpoch(MnistSubset.Train, 32, _ => reports++);
        }
        var test = Trainer.Evaluate(model, MnistSubset.Test);
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
        var data = MnistSubset.Train.Range(0, 2000);
        float[][] Run()
        {
            var model = ModelZoo.Create("fc100-100-10", new Generator(7));
            new Trainer(model, new Sgd(model.Parameters(), 0.1, momentum: 0.9), seed: 7).TrainEpoch(data, 64);
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
        var data = MnistSubset.Train.Range(0, 500);
        float[] Run(ulong seed)
        {
            var model = ModelZoo.Create("fc10", new Generator(0));
            new Trainer(model, new Sgd(model.Parameters(), 0.1), seed).TrainEpoch(data, 50);
            return model.Parameters()[0].Value.ToArray<float>();
        }
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void TrainEpoch_HugeLearningRate_ThrowsNamingStepAndParameter()
    {
        // Step 1 multiplies a gradient by 1e38: the float32 weights overflow to ±∞, so batch 2's loss is NaN.
        var model = ModelZoo.Create("fc10", new Generator(0));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 1e38), seed: 0);
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainEpoch(MnistSubset.Train.Range(0, 256), 64));
        Assert.Equal(0, e.Epoch);
        Assert.Equal(1, e.Batch);
        Assert.Equal("1.weight", e.Parameter);
        Assert.Contains("epoch 1, batch 2", e.Message);
        Assert.Contains("'1.weight'", e.Message);
    }

    [Fact]
    public void TrainEpoch_Schedule_SetsTheRatePerEpoch()
    {
        var model = ModelZoo.Create("fc10", new Generator(0));
        var sgd = new Sgd(model.Parameters(), 0.4);
        var trainer = new Trainer(model, sgd, schedule: new StepLr(1, 0.5));
        var data = MnistSubset.Train.Range(0, 100);
        trainer.TrainEpoch(data, 50);
        Assert.Equal(0.4, sgd.LearningRate);
        trainer.TrainEpoch(data, 50);
        Assert.Equal(0.2, sgd.LearningRate);
        Assert.Equal(2, trainer.EpochsDone);
    }

    [Fact]
    public void Evaluate_DropoutModel_IsDeterministicAndRestoresTrainingMode()
    {
        var model = ModelZoo.Create("maxout", new Generator(0));
        var data = MnistSubset.Test.Range(0, 200);
        var a = Trainer.Evaluate(model, data, 64);
        var b = Trainer.Evaluate(model, data, 200);
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
        var data = new ImageDataset("halves", pixels, labels, 28, 28, 2);
        var model = ModelZoo.Create("logreg", new Generator(0));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1));
        trainer.TrainEpoch(data, 20);
        Assert.Equal(1.0, Trainer.Evaluate(model, data).Accuracy);
    }
}
