using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Nn.Tests.Training;

public class AutoencoderPretrainerTests
{
    private static readonly AutoencoderPretraining ThreeEpochs = new() { Epochs = 3, BatchSize = 64, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3 };

    [Fact]
    public void Pretrain_HeldOutDigits_ReconstructedBetterThanByARandomEncoder()
    {
        var train = MnistSubset.Train.Range(0, 2000).AsSource();
        var heldOut = MnistSubset.Test.Range(0, 500).AsSource();

        var model = (Sequential)ModelZoo.Create("ae400-10", new Generator(0));
        var random = (Linear)((Sequential)ModelZoo.Create("ae400-10", new Generator(0)))[1];
        var (pretrained, epochs) = AutoencoderPretrainer.Pretrain(model, train, ThreeEpochs, new Generator(1));

        // The control: the same random initial encoder, frozen, with a decoder trained on the same data for the same epochs.
        var control = AutoencoderPretrainer.CreateAutoencoder(random, new Generator(1));
        var decoderOnly = new Adam(control[3].Parameters(), ThreeEpochs.LearningRate);
        var trainer = new Trainer(control, decoderOnly, AutoencoderPretrainer.ReconstructionLoss, seed: 1);
        for (var e = 0; e < ThreeEpochs.Epochs; e++)
        {
            trainer.TrainEpoch(train, ThreeEpochs.BatchSize);
        }

        var before = AutoencoderPretrainer.ReconstructionError(AutoencoderPretrainer.CreateAutoencoder(random, new Generator(1)), heldOut);
        var withRandomEncoder = AutoencoderPretrainer.ReconstructionError(control, heldOut);
        var withPretrainedEncoder = AutoencoderPretrainer.ReconstructionError(pretrained, heldOut);
        Assert.Equal(3, epochs.Count);
        Assert.True(epochs[2].Loss < epochs[0].Loss, $"reconstruction loss {epochs[0].Loss} → {epochs[2].Loss}");
        Assert.True(double.IsNaN(epochs[0].Accuracy));
        Assert.True(withRandomEncoder < before, $"a trained decoder beats an untrained one: {withRandomEncoder} vs {before}");
        Assert.True(withPretrainedEncoder < withRandomEncoder, $"held-out cross-entropy per pixel: pretrained encoder {withPretrainedEncoder}, random encoder {withRandomEncoder}");
    }

    [Fact]
    public void Pretrain_WritesTheLearntEncoderIntoTheModel()
    {
        var model = (Sequential)ModelZoo.Create("ae400-10", new Generator(0));
        var initial = ((Linear)model[1]).Weight.Value.ToArray<float>();
        var recipe = ThreeEpochs with { Epochs = 1 };
        var (autoencoder, _) = AutoencoderPretrainer.Pretrain(model, MnistSubset.Train.Range(0, 256).AsSource(), recipe, new Generator(1));
        var learnt = ((Linear)autoencoder[1]).Weight.Value.ToArray<float>();
        Assert.NotEqual(initial, learnt);
        Assert.Equal(learnt, ((Linear)model[1]).Weight.Value.ToArray<float>());
        Assert.Equal(((Linear)autoencoder[1]).Bias!.Value.ToArray<float>(), ((Linear)model[1]).Bias!.Value.ToArray<float>());
        Assert.Equal(1e-6, ((Linear)autoencoder[1]).L2);
    }

    [Fact]
    public void CreateAutoencoder_StartsFromTheEncodersWeights()
    {
        var encoder = new Linear(784, 400, new Generator(0));
        var autoencoder = AutoencoderPretrainer.CreateAutoencoder(encoder, new Generator(1));
        Assert.Equal(encoder.Weight.Value.ToArray<float>(), ((Linear)autoencoder[1]).Weight.Value.ToArray<float>());
        var output = autoencoder.Forward(new Variable(Tensor.Rand(new Shape(3, 1, 28, 28), new Generator(2))));
        Assert.Equal(new Shape(3, 784), output.Shape);
    }

    [Fact]
    public void Pretrain_LayerThatIsNotLinear_Throws()
    {
        var model = (Sequential)ModelZoo.Create("ae400-10", new Generator(0));
        var e = Assert.Throws<ArgumentException>(() => AutoencoderPretrainer.Pretrain(model, MnistSubset.Train.Range(0, 8).AsSource(), ThreeEpochs with { Layer = "2" }, new Generator(1)));
        Assert.Contains("no Linear layer '2'", e.Message);
    }
}
