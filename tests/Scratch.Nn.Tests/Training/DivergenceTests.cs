using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Nn.Tests.Training;

public class DivergenceTests
{
    private static readonly LossFunction CrossEntropy = Objective.CrossEntropy.LossFunction;

    [Fact]
    public void TrainEpoch_HugeLearningRate_ThrowsNamingStepAndParameter()
    {
        // Step 1 multiplies a gradient by 1e38: the float32 weights reach about 1e37 and their sums in the logits overflow,
        // so batch 2's loss is NaN and the backward pass meets ∞ first in the weight's gradient.
        var model = ModelZoo.Create("fc10", new Generator(0));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 1e38), CrossEntropy, seed: 0);
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainEpoch(MnistSubset.Train.Range(0, 256).AsSource(), 64));
        Assert.Equal(0, e.Epoch);
        Assert.Equal(1, e.Batch);
        Assert.Equal("1.weight", e.Parameter);
        Assert.Contains("epoch 1, batch 2", e.Message);
        Assert.Contains("the data loss = NaN", e.Message);
        Assert.Contains("the first non-finite gradient of the data loss is in parameter '1.weight'", e.Message);
    }

    [Fact]
    public void TrainEpoch_LossGrowsWithoutOverflowing_StopsOnTheGrowthRule()
    {
        // Adam at lr 1e6 moves every weight by about 1e6 per step: the loss jumps from 2.3 to about 1e8, all finite.
        var model = ModelZoo.Create("fc10", new Generator(0));
        var trainer = new Trainer(model, new Adam(model.Parameters(), 1e6), CrossEntropy, seed: 0);
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.TrainEpoch(MnistSubset.Train.Range(0, 512).AsSource(), 64));
        Assert.Equal(0, e.Epoch);
        Assert.Equal(1, e.Batch);
        Assert.Equal("data loss", e.Term);
        Assert.Equal("1.weight", e.Parameter);
        Assert.Contains("grew past 1E+04 × the first step's 2.", e.Message);
        Assert.Contains("the largest term is the data loss", e.Message);
        Assert.True(model.Parameters().All(p => p.Value.ToArray<float>().All(float.IsFinite)), "the growth rule fires while everything is still finite");
    }

    [Fact]
    public void Step_PenaltyOverflowsWhileTheWeightsAreFinite_NamesThePenaltyTerm()
    {
        // fc10-1 (λ = 1) with weights of 1e18: Σw² ≈ 7840·1e36 overflows float32, while every weight and the data loss stay finite.
        var model = ModelZoo.Create("fc10-1", new Generator(0));
        var weight = model.Parameters()[0];
        weight.Value = Tensor.Full(weight.Shape, 1e18).To(DType.Float32);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1), CrossEntropy);
        var (images, labels) = MnistSubset.Train.Range(0, 8).AsSource().Batches(8).First();
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Step(images, labels));
        Assert.Equal("penalty of layer '1'", e.Term);
        Assert.Equal("1.weight", e.Parameter);
        Assert.Contains("every parameter is finite, but the penalty of layer '1' = Infinity overflowed", e.Message);
        Assert.Equal(1e18f, weight.Value.ToArray<float>()[0]);
    }

    [Fact]
    public void Step_NonFiniteWeight_NamesItsParameter()
    {
        // A NaN in the second layer's bias of fc100-100-10: the first parameter holding a non-finite value is '3.bias'.
        var model = ModelZoo.Create("fc100-100-10", new Generator(0));
        var bias = model.NamedParameters().Single(p => p.Name == "3.bias").Parameter;
        var values = bias.Value.ToArray<float>();
        values[7] = float.NaN;
        bias.Value = Tensor.FromArray(values);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1), CrossEntropy);
        var (images, labels) = MnistSubset.Train.Range(0, 8).AsSource().Batches(8).First();
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Step(images, labels));
        Assert.Equal("3.bias", e.Parameter);
        Assert.Null(e.Term);
        Assert.Contains("the first non-finite value is in parameter '3.bias'", e.Message);
    }

    [Fact]
    public void Step_SaneRun_IsNotStopped()
    {
        // Ten epochs of fc10 at its recipe's rate: the loss falls, the rule never fires.
        var model = ModelZoo.Create("fc10", new Generator(0));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1, momentum: 0.9), CrossEntropy);
        var data = MnistSubset.Train.Range(0, 500).AsSource();
        for (var e = 0; e < 10; e++)
        {
            trainer.TrainEpoch(data, 50);
        }
        Assert.Equal(10, trainer.EpochsDone);
    }

    [Theory]
    [InlineData(2.0, 2.0, 2.0, false)]            // the start itself
    [InlineData(900.0, 900.0, 0.01, false)]       // 9e4 × the start but below the absolute limit
    [InlineData(1500.0, 1500.0, 1.0, false)]      // above 1e3 but only 1.5e3 × the start
    [InlineData(3e4, 3e4, 2.0, true)]             // above both
    [InlineData(double.NaN, 2.0, 2.0, true)]      // a NaN data loss
    [InlineData(2.0, double.PositiveInfinity, 2.0, true)] // an infinite penalty
    public void DivergenceRule_Default_MatchesItsStatement(double loss, double objective, double start, bool diverged)
    {
        Assert.Equal(diverged, DivergenceRule.Default.HasDiverged(loss, objective, start));
    }

    [Fact]
    public void DivergenceRule_BadThreshold_NamesIt()
    {
        Assert.Contains("growth factor = 0", Assert.Throws<ArgumentOutOfRangeException>(() => new DivergenceRule(0, 1e3).Validate()).Message);
        Assert.Contains("absolute limit = NaN", Assert.Throws<ArgumentOutOfRangeException>(() => new DivergenceRule(1e4, double.NaN).Validate()).Message);
    }
}
