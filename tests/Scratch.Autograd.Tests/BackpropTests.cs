using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

public class BackpropTests
{
    private static Variable Leaf(params double[] values) => new(Tensor.FromArray(values), requiresGrad: true);

    [Fact]
    public void Backward_OnScalar_FillsLeafGrads()
    {
        // L = Σ a·b, ∂L/∂a = b, ∂L/∂b = a
        var a = Leaf(1, 2, 3);
        var b = Leaf(4, 5, 6);
        (a * b).Sum().Backward();
        Close.Values([4, 5, 6], a.Grad!);
        Close.Values([1, 2, 3], b.Grad!);
    }

    [Fact]
    public void Backward_VariableUsedTwice_AddsBothPaths()
    {
        // L = Σ (x·x + x), ∂L/∂x = 2x + 1: the two uses of x accumulate (the diamond in the graph).
        var x = Leaf(1, -2);
        var h = x * x;
        (h + x).Sum().Backward();
        Close.Values([3, -3], x.Grad!);
    }

    [Fact]
    public void Backward_Twice_AccumulatesUntilZeroGrad()
    {
        // L = Σ 3x, ∂L/∂x = 3; two backwards give 6; after ZeroGrad one backward gives 3 again.
        var x = Leaf(1, 2);
        (x * 3).Sum().Backward();
        (x * 3).Sum().Backward();
        Close.Values([6, 6], x.Grad!);
        x.ZeroGrad();
        Assert.Null(x.Grad);
        (x * 3).Sum().Backward();
        Close.Values([3, 3], x.Grad!);
    }

    [Fact]
    public void Backward_NonScalarWithUpstreamGradient_ComputesVectorJacobianProduct()
    {
        // y = x², with upstream v: ∂(v·y)/∂x = 2x·v
        var x = Leaf(1, 2, 3);
        x.Square().Backward(Tensor.FromArray([1.0, 10, 100]));
        Close.Values([2, 40, 600], x.Grad!);
    }

    [Fact]
    public void Backward_NonScalarWithoutGradient_Throws()
    {
        var x = Leaf(1, 2, 3);
        var e = Assert.Throws<InvalidOperationException>(() => x.Square().Backward());
        Assert.Contains("shape [3]", e.Message);
        Assert.Contains("gradient", e.Message);
    }

    [Fact]
    public void Backward_GradientOfWrongShape_Throws()
    {
        var x = Leaf(1, 2, 3);
        var e = Assert.Throws<ArgumentException>(() => x.Square().Backward(Tensor.FromArray([1.0, 2])));
        Assert.Contains("[2]", e.Message);
        Assert.Contains("[3]", e.Message);
    }

    [Fact]
    public void Backward_TwiceThroughFreedGraph_ThrowsNamingTheOp()
    {
        var x = Leaf(1, 2);
        var loss = x.Tanh().Sum();
        loss.Backward();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("freed", e.Message);
        Assert.Contains("retainGraph", e.Message);
        Close.Values(Autodiff.Grad(x.Tanh().Sum(), x).ToArray<double>(), x.Grad!);
    }

    [Fact]
    public void Backward_WithRetainGraph_CanRunAgain()
    {
        // L = Σ x³, ∂L/∂x = 3x², run twice: 6x².
        var x = Leaf(1, 2);
        var loss = x.Pow(3).Sum();
        loss.Backward(retainGraph: true);
        loss.Backward();
        Close.Values([6, 24], x.Grad!, atol: 1e-12);
    }

    [Fact]
    public void Backward_OnConstant_Throws()
    {
        var c = new Variable(Tensor.FromArray([1.0, 2]));
        var e = Assert.Throws<InvalidOperationException>(() => c.Sum().Backward());
        Assert.Contains("does not require a gradient", e.Message);
    }

    [Fact]
    public void Ops_MixingDevices_ThrowNamingBothDevices()
    {
        var a = new Variable(Tensor.FromArray([1.0, 2]), requiresGrad: true);
        var b = new Variable(Tensor.FromArray([1.0, 2]).To(Device.Reference), requiresGrad: true);
        var e = Assert.Throws<ArgumentException>(() => a + b);
        Assert.Contains("cpu", e.Message);
        Assert.Contains("reference", e.Message);
        var g = Assert.Throws<ArgumentException>(() => a.Square().Backward(Tensor.FromArray([1.0, 1]).To(Device.Reference)));
        Assert.Contains("reference", g.Message);
    }

    [Fact]
    public void Leaf_Int32RequiringGrad_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new Variable(Tensor.FromArray([1, 2]), requiresGrad: true));
        Assert.Contains("int32", e.Message);
    }

    [Fact]
    public void Data_OfLeafCanBeReplaced_OfOpResultCannot()
    {
        var x = Leaf(1, 2);
        x.Data = Tensor.FromArray([3.0, 4]);
        Close.Values([3, 4], x.Data);
        Assert.Throws<ArgumentException>(() => x.Data = Tensor.FromArray([1.0, 2, 3]));
        var y = x.Exp();
        var e = Assert.Throws<InvalidOperationException>(() => y.Data = Tensor.FromArray([0.0, 0]));
        Assert.Contains("exp", e.Message);
    }

    [Fact]
    public void Record_CustomOpWithBadGradientShape_ThrowsNamingTheOp()
    {
        var x = Leaf(1, 2, 3);
        var y = Variable.Record("bad_shape", x.Data * 2.0, [x], [g => g.Narrow(0, 0, 2)]);
        var e = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("bad_shape", e.Message);
        Assert.Throws<ArgumentException>(() => Variable.Record("mismatch", x.Data, [x], []));
    }

    [Fact]
    public void Variables_ReportTheirOrigin()
    {
        var x = new Variable(Tensor.FromArray([1.0]), requiresGrad: true, name: "x");
        var y = x.Exp();
        Assert.True(x.IsLeaf);
        Assert.False(y.IsLeaf);
        Assert.Equal("exp", y.Op);
        Assert.Equal("leaf", x.Op);
        Assert.Equal("variable(name=x, shape=[1], dtype=float64, device=cpu, requires_grad)", x.ToString());
        Assert.Equal("variable(shape=[1], dtype=float64, device=cpu, op=exp)", y.ToString());
    }
}
