using Scratch.Nn.Tests.Support;

namespace Scratch.Nn.Tests.Layers;

public class RbfTests
{
    [Fact]
    public void Forward_IsNegativeWeightedSquaredDistance()
    {
        var layer = new Rbf(2, 2, new Generator(1));
        layer.Centres.Value = Tensor.FromArray([0f, 0f, 1f, 1f], 2, 2);
        layer.LogPrecisions.Value = Tensor.FromArray([0f, MathF.Log(2f), 0f, 0f], 2, 2);
        var y = layer.Forward(new Variable(Tensor.FromArray([1f, 2f], 1, 2)));
        // s₀ = −(1·1² + 2·2²) = −9, s₁ = −(1·0² + 1·1²) = −1.
        TensorAssert.Close(Tensor.FromArray([-9f, -1f], 1, 2), y.Data, rtol: 1e-5);
    }

    [Fact]
    public void Construction_DefaultPrecisionIsOneOverWidth_CentresInUnitBox()
    {
        var layer = new Rbf(8, 3, new Generator(1));
        Assert.All(layer.LogPrecisions.Value.ToArray<float>(), v => Assert.Equal(MathF.Log(1f / 8), v, 5));
        Assert.All(layer.Centres.Value.ToArray<float>(), v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(["centres", "log_precisions"], layer.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Forward_AtACentre_ScoreIsZero()
    {
        var layer = new Rbf(4, 2, new Generator(1));
        var y = layer.Forward(new Variable(layer.Centres.Value.Narrow(0, 1, 1)));
        Assert.Equal(0.0, y.Data.ToArray<float>()[1], 6);
        Assert.True(y.Data.ToArray<float>()[0] < 0);
    }

    [Fact]
    public void GradCheck_InputCentresAndPrecisions()
    {
        ModuleGradCheck.Assert(new Rbf(5, 3, new Generator(2), initialPrecision: 0.7), ModuleGradCheck.Randn(4, 4, 5));
    }
}
