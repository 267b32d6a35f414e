using Scratch.Nn.Tests.Support;

namespace Scratch.Nn.Tests.Layers;

public class AvgPool2dTests
{
    [Fact]
    public void Forward_TakesWindowMeans()
    {
        var x = Tensor.FromArray([1f, 5f, 2f, 0f, 3f, 4f, 8f, 1f, 0f, 0f, 1f, 1f, 9f, 0f, 1f, 3f], 1, 1, 4, 4);
        TensorAssert.Close(Tensor.FromArray([3.25f, 2.75f, 2.25f, 1.5f], 1, 1, 2, 2), new AvgPool2d(2).Forward(new Variable(x)).Data);
    }

    [Fact]
    public void GradCheck_Input()
    {
        ModuleGradCheck.Assert(new AvgPool2d(2, stride: 1), ModuleGradCheck.Randn(4, 2, 2, 4, 4));
    }
}
