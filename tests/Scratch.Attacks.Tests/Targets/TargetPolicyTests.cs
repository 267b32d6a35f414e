namespace Scratch.Attacks.Tests.Targets;

public class TargetPolicyTests
{
    private static readonly Tensor Probabilities = Tensor.FromArray(new[]
    {
        0.1, 0.6, 0.3,
        0.5, 0.2, 0.3,
        0.2, 0.3, 0.5,
    }, 3, 3);

    [Fact]
    public void RunnerUp_IsTheSecondMostProbableClass()
    {
        Assert.Equal(new[] { 2, 2, 1 }, TargetPolicy.RunnerUp.Resolve([1, 0, 2], Probabilities));
    }

    [Fact]
    public void Random_NeverTheLabel_UniformAndIndependentOfBatching()
    {
        var labels = Enumerable.Range(0, 3000).Select(i => i % 10).ToArray();
        var p = Tensor.Ones([3000, 10]) * 0.1;
        var targets = TargetPolicy.Random(4).Resolve(labels, p);
        Assert.All(targets.Zip(labels), t => Assert.NotEqual(t.Second, t.First));
        Assert.All(targets, t => Assert.InRange(t, 0, 9));
        // Each class is the target of about 3000/10 examples (each label excludes itself): within ±25%.
        Assert.All(Enumerable.Range(0, 10), k => Assert.InRange(targets.Count(t => t == k), 225, 375));
        var tail = TargetPolicy.Random(4).Resolve(labels[1000..], p.Narrow(0, 0, 2000), firstIndex: 1000);
        Assert.Equal(targets[1000..], tail);
        Assert.NotEqual(targets, TargetPolicy.Random(5).Resolve(labels, p));
    }

    [Fact]
    public void Class_BeyondTheModelsClasses_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => TargetPolicy.Class(3).Resolve([0, 1, 2], Probabilities));
        Assert.Contains("class 3", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetPolicy.Class(-1));
    }

    [Fact]
    public void Untargeted_GivesMinusOne()
    {
        Assert.Equal(new[] { -1, -1, -1 }, TargetPolicy.Untargeted.Resolve([1, 0, 2], Probabilities));
    }
}
