using Scratch.Nn.Tests.Support;

namespace Scratch.Nn.Tests.Layers;

public class FlattenTests
{
    [Fact]
    public void Forward_KeepsBatchDimension()
    {
        var x = Tensor.Arange(0, 24).Reshape(2, 3, 2, 2);
        var y = new Flatten().Forward(new Variable(x));
        Assert.Equal(new Shape(2, 12), y.Shape);
        TensorAssert.Close(x.Reshape(2, 12), y.Data);
    }

    [Fact]
    public void GradCheck_Input()
    {
        ModuleGradCheck.Assert(new Flatten(), ModuleGradCheck.Randn(5, 2, 1, 3, 3));
    }
}
