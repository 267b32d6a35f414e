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

    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(40_000, float.NaN)]
    [InlineData(79_999, float.NaN)]
    [InlineData(40_001, 1.0000001f)]
    [InlineData(79_998, -1e-30f)]
    public void Attacks_OneBadValueAnywhereInALargeFloatBatch_IsRejected(int at, float value)
    {
        // 20,000 examples of 4 values: checked in one chunk per core, so a bad value must be found in any chunk.
        var values = new float[80_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i % 101) / 100f;
        }
        var model = Classifier.FromModule(TestModels.Mlp(4, 3, 3, seed: 1).To(DType.Float32));
        var labels = Tensor.FromArray(new int[20_000]);
        Fgsm.Run(model, Tensor.FromArray(values, 20_000, 4), labels, 0.1);
        values[at] = value;
        var e = Assert.Throws<ArgumentException>(() => Fgsm.Run(model, Tensor.FromArray(values, 20_000, 4), labels, 0.1));
        Assert.Equal("x", e.ParamName);
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

    [Fact]
    public void Attacks_Float32X_OutsideTheBoundsOrNaN_AnywhereInTheBatch_AreRejected()
    {
        // 2 × 9 floats: 16 go through the vector loop, 2 through the tail; each position takes each bad value in turn.
        var model = Classifier.FromModule(TestModels.Mlp(9, 3, 3, seed: 1));
        var labels = Tensor.FromArray([0, 1]);
        foreach (var bad in new[] { float.NaN, 1.0000001f, -float.Epsilon, float.PositiveInfinity })
        {
            for (var at = 0; at < 18; at++)
            {
                var values = Enumerable.Range(0, 18).Select(i => i % 3 == 0 ? 0f : i % 3 == 1 ? 1f : 0.5f).ToArray();
                values[at] = bad;
                var e = Assert.Throws<ArgumentException>(() => Fgsm.Run(model, Tensor.FromArray(values, 2, 9), labels, 0.1));
                Assert.Equal("x", e.ParamName);
                Assert.Contains(float.IsNaN(bad) ? "NaN" : $"{(double)bad}", e.Message);
            }
        }
    }

    [Fact]
    public void Attacks_Float32X_OnTheBounds_IsAccepted()
    {
        var model = Classifier.FromModule(TestModels.Mlp(9, 3, 3, seed: 1).To(DType.Float32));
        var values = Enumerable.Range(0, 18).Select(i => i % 2 == 0 ? 0f : 1f).ToArray();
        Assert.Equal(2, Fgsm.Run(model, Tensor.FromArray(values, 2, 9), Tensor.FromArray([0, 1]), 0.1).Count);
    }
}
