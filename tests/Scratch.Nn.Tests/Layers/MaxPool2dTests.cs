using Scratch.Nn.Tests.Support;

namespace Scratch.Nn.Tests.Layers;

public class MaxPool2dTests
{
    [Fact]
    public void Forward_TakesWindowMaxima()
    {
        var x = Tensor.FromArray([1f, 5f, 2f, 0f, 3f, 4f, 8f, 1f, 0f, 0f, 1f, 1f, 9f, 0f, 1f, 2f], 1, 1, 4, 4);
        TensorAssert.Close(Tensor.FromArray([5f, 8f, 9f, 2f], 1, 1, 2, 2), new MaxPool2d(2).Forward(new Variable(x)).Data);
    }

    [Fact]
    public void GradCheck_Input()
    {
        // Distinct values keep every window's maximum unique, where the max is differentiable.
        var x = Tensor.Arange(0, 32, dtype: DType.Float64).Reshape(1, 2, 4, 4) * 0.37;
        ModuleGradCheck.Assert(new MaxPool2d(2), x);
    }
}
