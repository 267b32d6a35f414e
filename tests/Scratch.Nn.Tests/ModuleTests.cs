namespace Scratch.Nn.Tests;

public class ModuleTests
{
    private static Sequential Net() => new(
        new Flatten(),
        new Linear(4, 3, new Generator(1)) { L2 = 0.5 },
        new Sequential(new Sigmoid(), new Linear(3, 2, new Generator(2)) { L1 = 0.25 }),
        new Dropout(0.5, new Generator(3)));

    [Fact]
    public void NamedParameters_AreDottedPyTorchStyle()
    {
        Assert.Equal(["1.weight", "1.bias", "2.1.weight", "2.1.bias"], Net().NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Parameter_Names_FollowTheOutermostModule()
    {
        var net = Net();
        Assert.Equal(["1.weight", "1.bias", "2.1.weight", "2.1.bias"], net.Parameters().Select(p => p.Name));
        Assert.Equal("2.1.weight", net.Parameters()[2].Variable.Name);
    }

    [Fact]
    public void TrainEval_AreRecursive()
    {
        var net = Net();
        net.Eval();
        Assert.All(net.NamedModules(), m => Assert.False(m.Module.Training));
        net.Train();
        Assert.All(net.NamedModules(), m => Assert.True(m.Module.Training));
    }

    [Fact]
    public void Penalty_SumsEachLayersOwnLambda()
    {
        var net = Net();
        var w1 = net.Parameters()[0].Value.ToArray<float>();
        var w2 = net.Parameters()[2].Value.ToArray<float>();
        var expected = 0.5 * w1.Sum(v => (double)v * v) + 0.25 * w2.Sum(v => Math.Abs((double)v));
        Assert.Equal(expected, net.Penalty().Item(), 4);
    }

    [Fact]
    public void Penalty_GradientIsTwoLambdaW()
    {
        var net = new Sequential(new Linear(3, 2, new Generator(1)) { L2 = 0.5 });
        net.Penalty().Backward();
        // d/dW λ‖W‖² = 2λW = W for λ = 0.5; the bias gets nothing.
        TensorAssert.Close(net.Parameters()[0].Value, net.Parameters()[0].Gradient!);
        Assert.Null(net.Parameters()[1].Gradient);
    }

    [Fact]
    public void Penalty_NoLambda_IsZero()
    {
        Assert.Equal(0.0, new Linear(3, 2, new Generator(1)).Penalty().Item());
    }

    [Fact]
    public void ZeroGrad_ClearsEveryParameter()
    {
        var net = Net();
        net.Forward(new Variable(Tensor.Ones(new Shape(2, 4)))).Sum().Backward();
        Assert.All(net.Parameters(), p => Assert.NotNull(p.Gradient));
        net.ZeroGrad();
        Assert.All(net.Parameters(), p => Assert.Null(p.Gradient));
    }

    [Fact]
    public void ToDType_ConvertsEveryParameter()
    {
        var net = Net().To(DType.Float64);
        Assert.All(net.Parameters(), p => Assert.Equal(DType.Float64, p.Value.DType));
        Assert.Equal(DType.Float64, net.Forward(new Variable(Tensor.Ones(new Shape(2, 4), DType.Float64))).DType);
    }

    [Fact]
    public void ToString_ShowsLayersShapesAndCount()
    {
        var text = Net().ToString();
        Assert.Contains("Linear(4 → 3, L2=0.5)", text);
        Assert.Contains("weight [3, 4]", text);
        Assert.Contains("Dropout(p=0.5)", text);
        Assert.EndsWith("parameters: 23", text);
    }

    [Fact]
    public void ParameterCount_CountsScalars()
    {
        Assert.Equal(4 * 3 + 3 + 3 * 2 + 2, Net().ParameterCount());
    }
}
