using Scratch.Nn.Training;

namespace Scratch.Nn.Tests.Training;

public class ObjectiveTests
{
    [Fact]
    public void Loss_SingleLogit_IsLogisticLoss()
    {
        // ζ(−y z) with y = ±1: labels (1, 0), logits (2, 0.5) → (log(1 + e^−2) + log(1 + e^0.5)) / 2
        var z = new Variable(Tensor.FromArray(new double[] { 2, 0.5 }, 2, 1));
        var loss = Objective.Loss(z, Tensor.FromArray(new[] { 1, 0 })).Item();
        Assert.Equal((Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(0.5))) / 2, loss, 1e-12);
    }

    [Fact]
    public void Loss_SeveralLogits_IsCrossEntropy()
    {
        // −log softmax(0, ln 3)_1 = −log(3/4)
        var z = new Variable(Tensor.FromArray(new double[] { 0, Math.Log(3) }, 1, 2));
        Assert.Equal(-Math.Log(0.75), Objective.Loss(z, Tensor.FromArray(new[] { 1 })).Item(), 1e-12);
    }

    [Fact]
    public void Predict_SingleLogitBySign_SeveralByArgMax()
    {
        Assert.Equal([1, 0, 0], Objective.Predict(Tensor.FromArray(new float[] { 0.3f, -1f, 0f }, 3, 1)).ToArray<int>());
        Assert.Equal([2, 0], Objective.Predict(Tensor.FromArray(new float[] { 0, 1, 5, 3, 2, 1 }, 2, 3)).ToArray<int>());
        Assert.Equal(1, Objective.CountCorrect(Tensor.FromArray(new float[] { 0, 1, 5, 3, 2, 1 }, 2, 3), Tensor.FromArray(new[] { 2, 1 })));
    }
}
