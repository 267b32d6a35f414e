using Scratch.Attacks.Tests.Support;
using Scratch.Autograd;

namespace Scratch.Attacks.Tests.Gradient;

/// <summary>
/// Attack steps under DeviceScope (docs/memory.md): an objective evaluation reuses its memory, and results the
/// caller holds keep their values while later attacks reuse memory of the same sizes.
/// </summary>
public class AttackMemoryTests
{
    [Fact]
    public void ModelObjective_EvaluationsInSteadyState_AllocateNoTensorMemory()
    {
        const int d = 20, classes = 4;
        var classifier = Classifier.FromModule(TestModels.Mlp(d, 16, classes, seed: 1));
        var (x, _) = TestModels.Batch(1, d, classes, seed: 2);
        var target = Tensor.FromArray(new[] { 2 });
        var origin = new Variable(x);
        // Szegedy's objective c·‖x′ − x‖² + CE(f(x′), l) at c = 0.1, as the attack builds it.
        var objective = ModelObjective.Create(v => (v - origin).Square().Sum() * 0.1 + classifier.Loss(classifier.Forward(v), target), x.Shape, DType.Float64);
        var point = x.ToArray<double>();
        var gradient = new double[point.Length];
        var first = objective(point, gradient);
        var firstGradient = (double[])gradient.Clone();
        var before = HostMemory.Allocations;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first, objective(point, gradient));
        }
        Assert.Equal(before, HostMemory.Allocations);
        Assert.Equal(firstGradient, gradient);
    }

    [Fact]
    public void Fgsm_ResultHeldByTheCaller_KeepsItsValuesWhileLaterAttacksReuseMemory()
    {
        const int d = 30, classes = 5;
        var classifier = Classifier.FromModule(TestModels.Mlp(d, 16, classes, seed: 3));
        var (x, labels) = TestModels.Batch(8, d, classes, seed: 4);
        var held = Fgsm.Run(classifier, x, labels, 0.1);
        var expected = held.Adversarial.ToArray<double>();
        for (var i = 0; i < 3; i++)
        {
            using var scope = DeviceScope.Begin();
            var (other, otherLabels) = TestModels.Batch(8, d, classes, seed: (ulong)(10 + i));
            _ = Fgsm.Run(classifier, other, otherLabels, 0.2);
        }
        Assert.Equal(expected, held.Adversarial.ToArray<double>());
    }

    [Fact]
    public void Pgd_ResultHeldByTheCaller_KeepsItsValues_AndEqualsARunInsideAScope()
    {
        const int d = 30, classes = 5;
        var classifier = Classifier.FromModule(TestModels.Mlp(d, 16, classes, seed: 5));
        var (x, labels) = TestModels.Batch(6, d, classes, seed: 6);
        var options = new PgdOptions { Epsilon = 0.1, Steps = 5, EarlyStop = false, Seed = 1 };
        var held = Pgd.Run(classifier, x, labels, options);
        var expected = held.Adversarial.ToArray<double>();
        double[] scoped;
        using (var scope = DeviceScope.Begin())
        {
            scoped = Pgd.Run(classifier, x, labels, options).Adversarial.ToArray<double>();
        }
        Assert.Equal(expected, scoped);
        Assert.Equal(expected, held.Adversarial.ToArray<double>());
    }
}
