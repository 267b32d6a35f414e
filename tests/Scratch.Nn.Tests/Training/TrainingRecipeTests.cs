using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Nn.Tests.Training;

public class TrainingRecipeTests
{
    private static readonly TrainingRecipe Good = new();

    public static TheoryData<string, TrainingRecipe> BadRecipes => new()
    {
        { "epochs = 0", Good with { Epochs = 0 } },
        { "batch size = -3", Good with { BatchSize = -3 } },
        { "learning rate = -1", Good with { LearningRate = -1 } },
        { "momentum = 1", Good with { Momentum = 1 } },
        { "weight decay = NaN", Good with { WeightDecay = double.NaN } },
        { "max norm = 0", Good with { MaxNorm = 0 } },
        { "classes = 3,3", Good with { Classes = [3, 3] } },
        { "needs exactly two classes; classes = all", Good with { Objective = Objective.Logistic } },
        { "needs exactly two classes; classes = 1,2,3", Good with { Objective = Objective.Logistic, Classes = [1, 2, 3] } },
        { "pretraining epochs = 0", Good with { Pretraining = new AutoencoderPretraining { Epochs = 0 } } },
        { "pretraining learning rate = Infinity", Good with { Pretraining = new AutoencoderPretraining { LearningRate = double.PositiveInfinity } } },
    };

    [Theory]
    [MemberData(nameof(BadRecipes))]
    public void Validate_BadField_NamesIt(string expected, TrainingRecipe recipe)
    {
        Good.Validate();
        Assert.Contains(expected, Assert.Throws<ArgumentException>(recipe.Validate).Message);
    }

    [Fact]
    public void Create_MapsTheFieldsToOptimizersAndSchedules()
    {
        var parameters = ModelZoo.Create("fc10", new Generator(0)).Parameters();
        var recipe = Good with { Epochs = 9 };
        Assert.IsType<ConstantLr>(recipe.CreateSchedule());
        Assert.Equal(3, Assert.IsType<StepLr>((recipe with { Schedule = LrScheduleKind.Step }).CreateSchedule()).StepSize);
        Assert.Equal(9, Assert.IsType<CosineLr>((recipe with { Schedule = LrScheduleKind.Cosine }).CreateSchedule()).TMax);
        Assert.IsType<Adam>((recipe with { Optimizer = OptimizerKind.Adam }).CreateOptimizer(parameters));
        var sgd = Assert.IsType<Sgd>((recipe with { Momentum = 0.8, WeightDecay = 1e-4 }).CreateOptimizer(parameters));
        Assert.Equal((0.8, 1e-4, 0.1), (sgd.Momentum, sgd.WeightDecay, sgd.LearningRate));
        var ramped = Assert.IsType<Sgd>((recipe with { MomentumRamp = new MomentumRamp(0.5, 0.7, 3) }).CreateOptimizer(parameters));
        Assert.Equal(0.5, ramped.Momentum);
        Assert.Null(recipe.CreateConstraint());
        Assert.Equal(1.9365, (recipe with { MaxNorm = 1.9365 }).CreateConstraint()!.MaxNorm);
    }

    [Fact]
    public void Describe_SaysEveryNonDefaultChoice()
    {
        var text = ModelZoo.Recipe("maxout").Describe();
        foreach (var part in new[] { "sgd lr 0.1", "momentum 0.5 -> 0.7 over 10 epochs", "cosine", "batch 100", "max norm 1.9365", "cross-entropy" })
        {
            Assert.Contains(part, text);
        }
        Assert.Contains("classes 3,7", ModelZoo.Recipe("logreg").Describe());
        Assert.Contains("autoencoder pretraining of layer '1'", ModelZoo.Recipe("ae400-10").Describe());
    }
}
