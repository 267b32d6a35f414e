using Scratch.Nn.Tests.Support;

namespace Scratch.Nn.Tests.Layers;

public class Conv2dTests
{
    [Fact]
    public void Forward_SmallCase_MatchesHandComputation()
    {
        var conv = new Conv2d(1, 1, 2, new Generator(1));
        conv.Weight.Value = Tensor.FromArray([1f, 0f, 0f, -1f], 1, 1, 2, 2);
        conv.Bias!.Value = Tensor.FromArray([0.5f], 1);
        var x = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f], 1, 1, 3, 3);
        // y[i, j] = x[i, j] − x[i+1, j+1] + 0.5 = −4 + 0.5 everywhere.
        TensorAssert.Close(Tensor.Full(new Shape(1, 1, 2, 2), -3.5), conv.Forward(new Variable(x)).Data);
    }

    [Fact]
    public void Forward_StrideAndPadding_GiveExpectedShape()
    {
        var conv = new Conv2d(3, 4, 3, new Generator(1), stride: 2, padding: 1);
        // ⌊(7 + 2 − 3) / 2⌋ + 1 = 4.
        Assert.Equal(new Shape(2, 4, 4, 4), conv.Forward(new Variable(Tensor.Zeros(new Shape(2, 3, 7, 7)))).Shape);
        Assert.Equal(new Shape(4, 3, 3, 3), conv.Weight.Shape);
    }

    [Fact]
    public void GradCheck_InputWeightAndBias()
    {
        ModuleGradCheck.Assert(new Conv2d(2, 3, 3, new Generator(2), stride: 1, padding: 1), ModuleGradCheck.Randn(3, 2, 2, 5, 5));
    }

    [Fact]
    public void Forward_WrongChannels_Throws()
    {
        var conv = new Conv2d(2, 3, 3, new Generator(2));
        Assert.Throws<ArgumentException>(() => conv.Forward(new Variable(Tensor.Zeros(new Shape(1, 1, 5, 5)))));
    }
}
