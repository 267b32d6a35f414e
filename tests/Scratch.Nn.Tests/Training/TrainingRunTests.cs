using Scratch.Nn.Training;

namespace Scratch.Nn.Tests.Training;

public class TrainingRunTests
{
    [Fact]
    public void Run_SameConfig_GivesTheSameModelBitForBit()
    {
        var config = new TrainConfig { Model = "maxout", Recipe = ModelZoo.Recipe("maxout") with { Epochs = 2 }, Seed = 5 };
        var train = MnistSubset.Train.Range(0, 400).AsSource();
        var test = MnistSubset.Test.Range(0, 100).AsSource();
        var a = TrainingRun.Run(config, train, test);
        var b = TrainingRun.Run(config, train, test);
        Assert.Equal(a.Test, b.Test with { Seconds = a.Test.Seconds });
        foreach (var (p, q) in a.Model.Parameters().Zip(b.Model.Parameters()))
        {
            Assert.Equal(p.Value.ToArray<float>(), q.Value.ToArray<float>());
        }
        Assert.Empty(a.Pretraining);
        Assert.Equal(2, a.Epochs.Count);
    }

    [Fact]
    public void Run_Ae400WithPretraining_ReportsBothPhases()
    {
        var recipe = ModelZoo.Recipe("ae400-10") with { Epochs = 3, Pretraining = ModelZoo.Recipe("ae400-10").Pretraining! with { Epochs = 1 } };
        var phases = new List<(TrainingPhase, int)>();
        var report = TrainingRun.Run(new TrainConfig { Model = "ae400-10", Recipe = recipe }, MnistSubset.Train.Range(0, 2000).AsSource(),
            MnistSubset.Test.Range(0, 200).AsSource(), epochDone: e => phases.Add((e.Phase, e.Epoch)));
        Assert.Equal([(TrainingPhase.Pretraining, 0), (TrainingPhase.Training, 0), (TrainingPhase.Training, 1), (TrainingPhase.Training, 2)], phases);
        Assert.Single(report.Pretraining);
        // Chance is 90% error; 48 steps of a sigmoid net do not get far, but they learn.
        Assert.True(report.Test.Error < 0.8, $"test error {report.Test.Error:P1} after 3 epochs on 2,000 images");
    }

    [Fact]
    public void Run_LogisticRecipeOnAllClasses_IsRejectedBeforeTraining()
    {
        var config = new TrainConfig { Model = "logreg", Recipe = ModelZoo.Recipe("logreg") with { Classes = null } };
        var e = Assert.Throws<ArgumentException>(() => TrainingRun.Run(config, MnistSubset.Train.Range(0, 10).AsSource(), MnistSubset.Test.Range(0, 10).AsSource()));
        Assert.Contains("needs exactly two classes", e.Message);
    }
}
