using Scratch.Nn.Training;

namespace Scratch.Nn.Tests.Training;

public class TrainConfigTests
{
    [Theory]
    [InlineData("epochs = 0")]
    [InlineData("optimizer 'rmsprop' is unknown")]
    [InlineData("learning rate = -1")]
    [InlineData("data 'cifar' is unknown")]
    public void Validate_BadOption_NamesIt(string expected)
    {
        var good = new TrainConfig { Model = "fc10" };
        good.Validate();
        var bad = expected switch
        {
            "epochs = 0" => good with { Epochs = 0 },
            "learning rate = -1" => good with { LearningRate = -1 },
            "data 'cifar' is unknown" => good with { Data = "cifar" },
            _ => good with { Optimizer = "rmsprop" },
        };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(bad.Validate).Message);
    }

    [Fact]
    public void Metadata_RoundTripsTheClasses()
    {
        Assert.Null(TrainingRun.ClassesOf(new Dictionary<string, string>()));
        Assert.Equal([3, 7], TrainingRun.ClassesOf(new Dictionary<string, string> { ["classes"] = "3,7" })!);
        Assert.Throws<InvalidDataException>(() => TrainingRun.ClassesOf(new Dictionary<string, string> { ["classes"] = "3,x" }));
    }

    [Fact]
    public void CreateSchedule_NamesMapToSchedules()
    {
        var c = new TrainConfig { Model = "fc10", Epochs = 9 };
        Assert.IsType<Scratch.Optim.ConstantLr>(TrainingRun.CreateSchedule(c));
        var step = Assert.IsType<Scratch.Optim.StepLr>(TrainingRun.CreateSchedule(c with { Schedule = "step" }));
        Assert.Equal(3, step.StepSize);
        Assert.IsType<Scratch.Optim.CosineLr>(TrainingRun.CreateSchedule(c with { Schedule = "cosine" }));
        Assert.IsType<Scratch.Optim.Adam>(TrainingRun.CreateOptimizer(c with { Optimizer = "adam" }, ModelZoo.Create("fc10", new Generator(0)).Parameters()));
    }
}
