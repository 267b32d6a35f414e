using Scratch.Nn.Tests.Support;

namespace Scratch.Nn.Tests.Layers;

public class LinearTests
{
    [Fact]
    public void Forward_SmallCase_MatchesHandComputation()
    {
        var layer = new Linear(2, 3, new Generator(1));
        layer.Weight.Value = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 3, 2);
        layer.Bias!.Value = Tensor.FromArray([0.5f, -1f, 2f], 3);
        var x = new Variable(Tensor.FromArray([1f, -1f, 2f, 0.5f], 2, 2));
        // y = x Wᵀ + b: row 0 = (1−2, 3−4, 5−6) + b, row 1 = (2+1, 6+2, 10+3) + b.
        TensorAssert.Close(Tensor.FromArray([-0.5f, -2f, 1f, 3.5f, 7f, 15f], 2, 3), layer.Forward(x).Data);
    }

    [Fact]
    public void Forward_NoBias_HasOnlyWeight()
    {
        var layer = new Linear(4, 2, new Generator(1), bias: false);
        Assert.Null(layer.Bias);
        Assert.Equal(["weight"], layer.NamedParameters().Select(p => p.Name));
        Assert.Equal(new Shape(3, 2), layer.Forward(new Variable(Tensor.Zeros(new Shape(3, 4)))).Shape);
    }

    [Fact]
    public void Weight_HasPyTorchLayout()
    {
        var layer = new Linear(5, 3, new Generator(1));
        Assert.Equal(new Shape(3, 5), layer.Weight.Shape);
        Assert.Equal(new Shape(3), layer.Bias!.Shape);
    }

    [Fact]
    public void GradCheck_InputWeightAndBias()
    {
        ModuleGradCheck.Assert(new Linear(4, 3, new Generator(2)), ModuleGradCheck.Randn(3, 5, 4));
    }

    [Fact]
    public void Forward_WrongWidth_NamesShapes()
    {
        var layer = new Linear(4, 3, new Generator(2));
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(new Variable(Tensor.Zeros(new Shape(2, 5)))));
        Assert.Contains("[2, 5]", e.Message);
    }

    [Fact]
    public void Penalty_IsL1PlusSquaredL2OfWeightOnly()
    {
        var layer = new Linear(2, 1, new Generator(1)) { L1 = 0.5, L2 = 0.25 };
        layer.Weight.Value = Tensor.FromArray([3f, -4f], 1, 2);
        layer.Bias!.Value = Tensor.FromArray([100f], 1);
        // 0.5·(3 + 4) + 0.25·(9 + 16) = 3.5 + 6.25.
        Assert.Equal(9.75, layer.Penalty().Item(), 5);
    }

    [Fact]
    public void Penalty_NegativeCoefficient_Throws()
    {
        var layer = new Linear(2, 1, new Generator(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.L2 = -1);
    }
}
