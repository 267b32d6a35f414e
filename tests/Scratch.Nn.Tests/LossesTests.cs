namespace Scratch.Nn.Tests;

public class LossesTests
{
    [Fact]
    public void CrossEntropy_MatchesHandFormula()
    {
        var logits = Tensor.FromArray([1.0, 2.0, 3.0, 0.5, 0.5, -1.0], 2, 3);
        var labels = Tensor.FromArray([2, 0], 2);
        double Nll(double[] z, int y) => Math.Log(z.Sum(Math.Exp)) - z[y];
        var expected = (Nll([1, 2, 3], 2) + Nll([0.5, 0.5, -1], 0)) / 2;
        Assert.Equal(expected, Losses.CrossEntropy(new Variable(logits), labels).Item(), 12);
    }

    [Fact]
    public void CrossEntropy_HugeLogits_StaysFinite()
    {
        var logits = Tensor.FromArray([1000f, 0f, -1000f, 0f], 2, 2);
        var loss = Losses.CrossEntropy(new Variable(logits), Tensor.FromArray([1, 0], 2)).Item();
        // Both examples put their label 1000 below the other logit: each loses 1000 nats, with no overflow.
        Assert.Equal((1000 + 1000) / 2.0, loss, 3);
    }

    [Fact]
    public void CrossEntropy_GradCheck()
    {
        var labels = Tensor.FromArray([2, 0, 1], 3);
        GradCheck.Assert(z => Losses.CrossEntropy(z, labels), Tensor.Randn(new Shape(3, 4), new Generator(1), DType.Float64));
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void CrossEntropy_GradCheck_EachReduction(Reduction reduction)
    {
        // With no reduction, distinct weights per example check that each row's gradient comes from its own loss.
        var labels = Tensor.FromArray([3, 0, 1, 3], 4);
        var weights = new Variable(Tensor.FromArray([1.0, -2.0, 0.5, 3.0], 4));
        GradCheck.Assert(z => reduction == Reduction.None
                ? (Losses.CrossEntropy(z, labels, reduction) * weights).Sum()
                : Losses.CrossEntropy(z, labels, reduction),
            Tensor.Randn(new Shape(4, 5), new Generator(2), DType.Float64) * 4.0);
    }

    [Theory]
    [InlineData(DType.Float32, Reduction.Mean)]
    [InlineData(DType.Float32, Reduction.None)]
    [InlineData(DType.Float64, Reduction.Sum)]
    [InlineData(DType.Float64, Reduction.Mean)]
    public void CrossEntropy_ValueAndGradient_BitwiseThoseOfTheComposedOps(DType dtype, Reduction reduction)
    {
        // The loss is one node of the tape; its value and gradient must be what log-softmax, gather, negation and
        // squeeze recorded as four nodes give, to the bit (training results are compared bit for bit across versions).
        var labels = Tensor.FromArray([9, 0, 4, 4, 7, 2], 6);
        var weights = new Variable(Tensor.FromArray([0.25, -1.5, 2.0, 1.0, -0.75, 3.0], 6).To(dtype));
        var logits = (Tensor.Randn(new Shape(6, 10), new Generator(7), dtype) * 30.0).To(dtype);
        Variable Weighted(Variable perExample) => reduction switch
        {
            Reduction.None => (perExample * weights).Sum(),
            Reduction.Sum => perExample.Sum(),
            _ => perExample.Mean(),
        };

        var fusedInput = new Variable(logits, requiresGrad: true);
        var fused = reduction == Reduction.None
            ? Weighted(Losses.CrossEntropy(fusedInput, labels, Reduction.None))
            : Losses.CrossEntropy(fusedInput, labels, reduction);
        var composedInput = new Variable(logits, requiresGrad: true);
        var composed = Weighted(-composedInput.LogSoftmax(1).Gather(1, labels.Unsqueeze(1)).Squeeze(1));

        Assert.Equal(composed.Data.To(DType.Float64).ToArray<double>(), fused.Data.To(DType.Float64).ToArray<double>());
        Assert.Equal(Autodiff.Grad(composed, composedInput).To(DType.Float64).ToArray<double>(),
            Autodiff.Grad(fused, fusedInput).To(DType.Float64).ToArray<double>());
    }

    [Fact]
    public void CrossEntropy_FloatLabels_Throws()
    {
        Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(new Variable(Tensor.Zeros(new Shape(2, 3))), Tensor.Zeros(new Shape(2))));
    }

    [Fact]
    public void LogisticLoss_MatchesSoftplusOfMinusYZ()
    {
        var z = Tensor.FromArray([2.0, -1.0, 0.5], 3);
        var labels = Tensor.FromArray([1, 1, 0], 3);
        // ζ(−y z) with y = +1, +1, −1.
        var expected = (Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(1)) + Math.Log(1 + Math.Exp(0.5))) / 3;
        Assert.Equal(expected, Losses.LogisticLoss(new Variable(z), labels).Item(), 12);
        Assert.Equal(expected, Losses.LogisticLoss(new Variable(z.Reshape(3, 1)), labels).Item(), 12);
    }

    [Fact]
    public void LogisticLoss_LargeMargin_IsStable()
    {
        var loss = Losses.LogisticLoss(new Variable(Tensor.FromArray([-200f], 1)), Tensor.FromArray([1f], 1)).Item();
        Assert.Equal(200, loss, 3);
    }

    [Fact]
    public void LogisticLoss_GradCheck()
    {
        var labels = Tensor.FromArray([1.0, 0.0, 1.0, 0.0], 4, 1).Reshape(4);
        GradCheck.Assert(z => Losses.LogisticLoss(z, labels), Tensor.Randn(new Shape(4, 1), new Generator(2), DType.Float64));
    }

    [Fact]
    public void UnitProbabilityLoss_MatchesTheBernoulliLikelihoodOfEachUnit()
    {
        var scores = Tensor.FromArray([-0.1, -2.0, -0.5, -3.0, -0.2, -1.0], 2, 3);
        var labels = Tensor.FromArray([0, 1], 2);
        // −log p_y − Σ_{k≠y} log(1 − p_k) with p = eˢ, per example, then the mean.
        double Nll(double[] s, int y) => -s[y] - s.Where((_, k) => k != y).Sum(v => Math.Log(1 - Math.Exp(v)));
        var expected = (Nll([-0.1, -2.0, -0.5], 0) + Nll([-3.0, -0.2, -1.0], 1)) / 2;
        Assert.Equal(expected, Losses.UnitProbabilityLoss(new Variable(scores), labels).Item(), 12);
    }

    [Fact]
    public void UnitProbabilityLoss_PinsTheLevelThatCrossEntropyLeavesFree()
    {
        // Shifting every score by the same amount leaves cross-entropy unchanged but not the units' likelihood.
        var labels = Tensor.FromArray([0], 1);
        var near = Tensor.FromArray([-0.01, -5.0, -5.0], 1, 3);
        var far = near - 3.0;
        Assert.Equal(Losses.CrossEntropy(new Variable(near), labels).Item(), Losses.CrossEntropy(new Variable(far), labels).Item(), 12);
        Assert.True(Losses.UnitProbabilityLoss(new Variable(near), labels).Item() + 2.5 < Losses.UnitProbabilityLoss(new Variable(far), labels).Item());
    }

    [Fact]
    public void UnitProbabilityLoss_WrongUnitAtCertainty_IsLargeButFinite()
    {
        var loss = Losses.UnitProbabilityLoss(new Variable(Tensor.FromArray([-1.0, 0.0], 1, 2)), Tensor.FromArray([0], 1)).Item();
        // 1 for the true unit, −log(1 − e^(−10⁻⁶)) ≈ 13.8 for the wrong one, clamped below certainty.
        Assert.Equal(1 - Math.Log(1 - Math.Exp(Losses.UnitProbabilityCeiling)), loss, 1e-6);
        var single = Losses.UnitProbabilityLoss(new Variable(Tensor.FromArray([-1f, 0f], 1, 2)), Tensor.FromArray([0], 1)).Item();
        Assert.InRange(single, 14.0, 15.0);
    }

    [Fact]
    public void UnitProbabilityLoss_GradCheck()
    {
        var labels = Tensor.FromArray([2, 0, 1], 3);
        var scores = -(Tensor.Rand(new Shape(3, 4), new Generator(5), DType.Float64) * 3.0 + 0.05);
        GradCheck.Assert(s => Losses.UnitProbabilityLoss(s, labels), scores);
    }

    [Fact]
    public void UnitProbabilityLoss_FloatLabels_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Losses.UnitProbabilityLoss(new Variable(Tensor.Zeros([2, 3])), Tensor.Zeros([2])));
        Assert.Contains("expected int32 class indices", e.Message);
    }

    [Fact]
    public void MeanSquaredError_MatchesFormulaAndGradChecks()
    {
        var target = Tensor.FromArray([1.0, 2.0, 3.0, 4.0], 2, 2);
        Assert.Equal((1 + 0 + 4 + 0.25) / 4, Losses.MeanSquaredError(new Variable(Tensor.FromArray([0.0, 2.0, 5.0, 3.5], 2, 2)), target).Item(), 12);
        GradCheck.Assert(p => Losses.MeanSquaredError(p, target), Tensor.Randn(new Shape(2, 2), new Generator(3), DType.Float64));
    }

    [Fact]
    public void MeanSquaredError_ShapeMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => Losses.MeanSquaredError(new Variable(Tensor.Zeros(new Shape(2))), Tensor.Zeros(new Shape(3))));
    }

    [Fact]
    public void Reduction_NoneGivesPerExampleLossesWhoseMeanAndSumAreTheReducedOnes()
    {
        // −log softmax(z)_y per row: row 0 has z = (0, ln 3) and y = 1, so its loss is −log(3/4).
        var z = new Variable(Tensor.FromArray(new[] { 0.0, Math.Log(3), 1.0, 1.0 }, 2, 2));
        var y = Tensor.FromArray([1, 0]);
        var each = Losses.CrossEntropy(z, y, Reduction.None).Data.ToArray<double>();
        Assert.Equal(2, each.Length);
        Assert.Equal(-Math.Log(0.75), each[0], 12);
        Assert.Equal(Math.Log(2), each[1], 12);
        Assert.Equal(each.Average(), Losses.CrossEntropy(z, y).Item(), 12);
        Assert.Equal(each.Sum(), Losses.CrossEntropy(z, y, Reduction.Sum).Item(), 12);
        var logistic = Losses.LogisticLoss(new Variable(Tensor.FromArray(new[] { 2.0, -1.0 })), Tensor.FromArray([1, 1]), Reduction.None).Data.ToArray<double>();
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), logistic[0], 12);
        Assert.Equal(Math.Log(1 + Math.E), logistic[1], 12);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_MatchesTheLogFormula()
    {
        double[] z = [2.0, -1.0, 0.0, 0.5];
        double[] t = [1.0, 0.25, 0.0, 0.8];
        double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        // −[t log σ(z) + (1 − t) log(1 − σ(z))], averaged over the four elements
        var expected = z.Zip(t, (zi, ti) => -(ti * Math.Log(Sigmoid(zi)) + (1 - ti) * Math.Log(1 - Sigmoid(zi)))).Average();
        var loss = Losses.BinaryCrossEntropyWithLogits(new Variable(Tensor.FromArray(z, 2, 2)), Tensor.FromArray(t, 2, 2));
        Assert.Equal(expected, loss.Item(), 12);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_HugeLogits_StaysFinite()
    {
        // z = 500 against t = 0 loses 500 nats; z = −500 against t = 1 also; log σ would underflow to −∞ if computed directly.
        var loss = Losses.BinaryCrossEntropyWithLogits(new Variable(Tensor.FromArray([500f, -500f], 2)), Tensor.FromArray([0f, 1f], 2));
        Assert.Equal(500, loss.Item(), 3);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_GradCheck()
    {
        // ∂/∂z = (σ(z) − t)/M
        var targets = Tensor.FromArray([0.0, 0.3, 1.0, 0.9, 0.5, 0.1], 2, 3);
        GradCheck.Assert(z => Losses.BinaryCrossEntropyWithLogits(z, targets), Tensor.Randn(new Shape(2, 3), new Generator(4), DType.Float64));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_ShapeMismatch_NamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits(new Variable(Tensor.Zeros(new Shape(2, 3))), Tensor.Zeros(new Shape(3, 2))));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[3, 2]", e.Message);
    }
}
