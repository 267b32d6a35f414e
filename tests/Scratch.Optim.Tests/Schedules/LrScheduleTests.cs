namespace Scratch.Optim.Tests;

public class LrScheduleTests
{
    [Fact]
    public void StepLr_DecaysEveryStepSizeEpochs()
    {
        var s = new StepLr(stepSize: 2, gamma: 0.5);
        // η_e = 0.8·0.5^⌊e/2⌋
        double[] expected = [0.8, 0.8, 0.4, 0.4, 0.2];
        for (var e = 0; e < expected.Length; e++)
        {
            Assert.Equal(expected[e], s.LearningRate(0.8, e), 1e-15);
        }
    }

    [Fact]
    public void CosineLr_FollowsHalfACosine()
    {
        var s = new CosineLr(tMax: 4, etaMin: 0.1);
        // η_e = 0.1 + 0.9·(1 + cos(πe/4))/2
        Assert.Equal(1.0, s.LearningRate(1.0, 0), 1e-15);
        Assert.Equal(0.1 + 0.9 * (1 + Math.Sqrt(0.5)) / 2, s.LearningRate(1.0, 1), 1e-15);
        Assert.Equal(0.55, s.LearningRate(1.0, 2), 1e-15);
        Assert.Equal(0.1, s.LearningRate(1.0, 4), 1e-15);
        Assert.Equal(0.1, s.LearningRate(1.0, 9), 1e-15);
    }

    [Fact]
    public void Apply_SetsTheOptimizersRate()
    {
        var sgd = new Sgd([new TestParameter("w", 1)], 0.3);
        new StepLr(1, 0.1).Apply(sgd, 0.3, 2);
        Assert.Equal(0.003, sgd.LearningRate, 1e-15);
        new ConstantLr().Apply(sgd, 0.3, 7);
        Assert.Equal(0.3, sgd.LearningRate);
    }

    [Fact]
    public void Schedules_BadOptions_Throw()
    {
        Assert.Contains("step size = 0", Assert.Throws<ArgumentOutOfRangeException>(() => new StepLr(0)).Message);
        Assert.Contains("tMax = -1", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineLr(-1)).Message);
        Assert.Contains("epoch = -1", Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantLr().LearningRate(1, -1)).Message);
    }
}
