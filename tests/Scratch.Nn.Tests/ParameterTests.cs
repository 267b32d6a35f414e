using Scratch.Optim;

namespace Scratch.Nn.Tests;

public class ParameterTests
{
    [Fact]
    public void Parameter_IsALeafThatRequiresGrad_AndAnIParameter()
    {
        IParameter p = new Parameter(Tensor.Ones(new Shape(2)), "w");
        var parameter = (Parameter)p;
        Assert.True(parameter.Variable.RequiresGrad);
        Assert.True(parameter.Variable.IsLeaf);
        Assert.Equal("w", p.Name);
        Assert.Null(p.Gradient);
    }

    [Fact]
    public void Gradient_AfterBackward_AndZeroGrad()
    {
        var p = new Parameter(Tensor.FromArray([1f, 2f], 2), "w");
        // d/dw Σ w² = 2w.
        p.Variable.Square().Sum().Backward();
        TensorAssert.Close(Tensor.FromArray([2f, 4f], 2), p.Gradient!);
        p.ZeroGrad();
        Assert.Null(p.Gradient);
    }

    [Fact]
    public void Value_Set_ReplacesDataAndRejectsOtherShapes()
    {
        var p = new Parameter(Tensor.Zeros(new Shape(2)), "w");
        p.Value = Tensor.FromArray([3f, 4f], 2);
        Assert.Equal([3f, 4f], p.Variable.Data.ToArray<float>());
        Assert.Throws<ArgumentException>(() => p.Value = Tensor.Zeros(new Shape(3)));
    }

    [Fact]
    public void Variable_Frozen_IsAConstantOverTheCurrentValueAndName()
    {
        // Inside Freeze the parameter reads as a constant; after a new value (an optimizer step) or a new name the
        // constant must follow, even though the same constant is handed out between changes.
        var p = new Parameter(Tensor.FromArray([1f, 2f], 2), "w");
        using (Parameter.Freeze())
        {
            var first = p.Variable;
            Assert.False(first.RequiresGrad);
            Assert.Equal("w", first.Name);
            Assert.Same(first, p.Variable);
            p.Value = Tensor.FromArray([5f, 6f], 2);
            Assert.Equal([5f, 6f], p.Variable.Data.ToArray<float>());
            Assert.Equal([1f, 2f], first.Data.ToArray<float>());
            p.Name = "layer.w";
            Assert.Equal("layer.w", p.Variable.Name);
        }
        Assert.True(p.Variable.RequiresGrad);
    }
}
