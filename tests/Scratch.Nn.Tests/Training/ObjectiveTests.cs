using Scratch.Nn.Training;

namespace Scratch.Nn.Tests.Training;

public class ObjectiveTests
{
    [Fact]
    public void Logistic_Loss_IsTheLogisticLoss()
    {
        // ζ(−y z) with y = ±1: labels (1, 0), logits (2, 0.5) → (log(1 + e^−2) + log(1 + e^0.5)) / 2
        var z = new Variable(Tensor.FromArray(new double[] { 2, 0.5 }, 2, 1));
        var loss = Objective.Logistic.Loss(z, Tensor.FromArray(new[] { 1, 0 })).Item();
        Assert.Equal((Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(0.5))) / 2, loss, 1e-12);
    }

    [Fact]
    public void CrossEntropy_Loss_IsCrossEntropy()
    {
        // −log softmax(0, ln 3)_1 = −log(3/4)
        var z = new Variable(Tensor.FromArray(new double[] { 0, Math.Log(3) }, 1, 2));
        Assert.Equal(-Math.Log(0.75), Objective.CrossEntropy.Loss(z, Tensor.FromArray(new[] { 1 })).Item(), 1e-12);
    }

    [Fact]
    public void UnitProbabilities_Loss_IsTheUnitsLikelihoodAndPredictsByArgMax()
    {
        // p = (1/2, 1/4), label 0: −log(1/2) − log(1 − 1/4)
        var s = new Variable(Tensor.FromArray(new[] { Math.Log(0.5), Math.Log(0.25) }, 1, 2));
        Assert.Equal(-Math.Log(0.5) - Math.Log(0.75), Objective.UnitProbabilities.Loss(s, Tensor.FromArray(new[] { 0 })).Item(), 1e-12);
        Assert.Equal([0], Objective.UnitProbabilities.Predict(s.Data).ToArray<int>());
        Assert.Contains("expected [N, C] scores", Assert.Throws<ArgumentException>(() => Objective.UnitProbabilities.Loss(new Variable(Tensor.Zeros(new Shape(2, 1))), Tensor.FromArray(new[] { 0, 0 }))).Message);
    }

    [Fact]
    public void Loss_OutputOfTheWrongWidth_IsAnErrorNotAnotherLoss()
    {
        // The objective is chosen explicitly: one logit under cross-entropy, or ten logits under the logistic loss, is a mistake.
        var one = new Variable(Tensor.Zeros(new Shape(2, 1)));
        var ten = new Variable(Tensor.Zeros(new Shape(2, 10)));
        var labels = Tensor.FromArray(new[] { 0, 1 });
        Assert.Contains("expected [N, C] scores", Assert.Throws<ArgumentException>(() => Objective.CrossEntropy.Loss(one, labels)).Message);
        Assert.Contains("expected [N] or [N, 1] (one logit)", Assert.Throws<ArgumentException>(() => Objective.Logistic.Loss(ten, labels)).Message);
    }

    [Fact]
    public void Predict_SingleLogitBySign_SeveralByArgMax()
    {
        Assert.Equal([1, 0, 0], Objective.Logistic.Predict(Tensor.FromArray(new float[] { 0.3f, -1f, 0f }, 3, 1)).ToArray<int>());
        Assert.Equal([2, 0], Objective.CrossEntropy.Predict(Tensor.FromArray(new float[] { 0, 1, 5, 3, 2, 1 }, 2, 3)).ToArray<int>());
        Assert.Equal(1, Objective.CrossEntropy.CountCorrect(Tensor.FromArray(new float[] { 0, 1, 5, 3, 2, 1 }, 2, 3), Tensor.FromArray(new[] { 2, 1 })));
    }

    [Fact]
    public void LossFunction_RunsTheForwardAndReturnsThePredictions()
    {
        var model = new Sequential(new Linear(2, 3, new Generator(0)));
        var x = Tensor.FromArray(new float[] { 1, 0, 0, 1 }, 2, 2);
        var y = Tensor.FromArray(new[] { 0, 2 });
        var batch = Objective.CrossEntropy.LossFunction(model, x, y);
        var logits = model.Forward(new Variable(x));
        Assert.Equal(Losses.CrossEntropy(logits, y).Item(), batch.Loss.Item());
        Assert.Equal(logits.Data.ArgMax(1).ToArray<int>(), batch.Predictions!.ToArray<int>());
    }
}
