using Scratch.Nn.Tests.Support;

namespace Scratch.Nn.Tests.Layers;

public class MaxoutTests
{
    [Fact]
    public void Forward_TakesMaxOverEachUnitsPieces()
    {
        var layer = new Maxout(2, 2, 2, new Generator(1));
        // Unit 0 has pieces x0 and x1; unit 1 has pieces −x0 and −x1 + 1.
        layer.Linear.Weight.Value = Tensor.FromArray([1f, 0f, 0f, 1f, -1f, 0f, 0f, -1f], 4, 2);
        layer.Linear.Bias!.Value = Tensor.FromArray([0f, 0f, 0f, 1f], 4);
        var y = layer.Forward(new Variable(Tensor.FromArray([3f, -2f, 0.5f, 2f], 2, 2)));
        TensorAssert.Close(Tensor.FromArray([3f, 3f, 2f, -0.5f], 2, 2), y.Data);
    }

    [Fact]
    public void Parameters_AreTheChildLinear()
    {
        var layer = new Maxout(6, 4, 3, new Generator(1));
        Assert.Equal(["linear.weight", "linear.bias"], layer.NamedParameters().Select(p => p.Name));
        Assert.Equal(new Shape(12, 6), layer.Linear.Weight.Shape);
    }

    [Fact]
    public void GradCheck_InputAndParameters()
    {
        ModuleGradCheck.Assert(new Maxout(5, 3, 4, new Generator(2)), ModuleGradCheck.Randn(4, 3, 5));
    }
}
