using Scratch.Attacks.Tests.Support;

namespace Scratch.Attacks.Tests.Classifiers;

public class AttackInputsTests
{
    private static readonly Classifier Model = Classifier.FromModule(TestModels.Mlp(4, 3, 3, seed: 1));

    [Fact]
    public void Attacks_XOutsideTheBounds_AreRejectedWithTheRange()
    {
        var (x, labels) = TestModels.Batch(2, 4, 3, seed: 1, low: 0.5, high: 1.5);
        var e = Assert.Throws<ArgumentException>(() => Fgsm.Run(Model, x, labels, 0.1));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("[0, 1]", e.Message);
        Assert.Throws<ArgumentException>(() => Pgd.Run(Model, x, labels));
        Assert.Throws<ArgumentException>(() => LbfgsAttack.Run(Model, x, labels));
    }

    [Fact]
    public void Attacks_NaNInX_AreRejected()
    {
        var x = Tensor.FromArray(new[] { 0.1, double.NaN, 0.2, 0.3 }, 1, 4);
        var e = Assert.Throws<ArgumentException>(() => Fgsm.Run(Model, x, Tensor.FromArray([0]), 0.1));
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void Attacks_LabelCountMismatch_NamesBothCounts()
    {
        var (x, _) = TestModels.Batch(3, 4, 3, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => Fgsm.Run(Model, x, Tensor.FromArray([0, 1]), 0.1));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("[2]", e.Message);
        Assert.Contains("[3]", e.Message);
    }

    [Fact]
    public void Attacks_LabelOutsideTheModelsClasses_IsRejected()
    {
        var (x, _) = TestModels.Batch(2, 4, 3, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => Fgsm.Run(Model, x, Tensor.FromArray([0, 7]), 0.1));
        Assert.Contains("label 7", e.Message);
        Assert.Contains("0..2", e.Message);
    }

    [Fact]
    public void Attacks_ModelInputShapeDoesNotFitTheData_FailsNamingTheShapes()
    {
        var (x, labels) = TestModels.Batch(2, 5, 3, seed: 1);
        var e = Assert.ThrowsAny<ArgumentException>(() => Fgsm.Run(Model, x, labels, 0.1));
        Assert.Contains("[2, 5]", e.Message);
    }

    [Fact]
    public void Attacks_TargetEqualToTheLabel_IsRejected()
    {
        var (x, _) = TestModels.Batch(2, 4, 3, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => Fgsm.Run(Model, x, Tensor.FromArray([1, 2]), 0.1, TargetPolicy.Class(2)));
        Assert.Contains("class 2 is the true label of example 1", e.Message);
    }

    [Fact]
    public void LbfgsAttack_Untargeted_IsRejected()
    {
        var (x, labels) = TestModels.Batch(2, 4, 3, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => LbfgsAttack.Run(Model, x, labels, new LbfgsAttackOptions { Target = TargetPolicy.Untargeted }));
        Assert.Contains("target", e.Message);
    }
}
