namespace Scratch.Nn.Tests;

public class InitTests
{
    [Fact]
    public void Fans_FollowPyTorch()
    {
        Assert.Equal((784, 10), Init.Fans(new Shape(10, 784)));
        Assert.Equal((32 * 25, 64 * 25), Init.Fans(new Shape(64, 32, 5, 5)));
        Assert.Throws<ArgumentException>(() => Init.Fans(new Shape(5)));
    }

    [Fact]
    public void XavierUniform_StaysInBoundAndHasGlorotVariance()
    {
        var w = Init.XavierUniform(new Shape(200, 300), new Generator(1)).ToArray<float>();
        var a = Math.Sqrt(6.0 / 500);
        Assert.All(w, v => Assert.InRange(v, -a, a));
        // Var U(−a, a) = a²/3 = 2 / (fan_in + fan_out).
        Assert.Equal(2.0 / 500, Variance(w), 4);
        Assert.True(w.Max() > 0.95 * a && w.Min() < -0.95 * a);
    }

    [Fact]
    public void XavierNormal_HasGlorotVariance()
    {
        Assert.Equal(2.0 / 500, Variance(Init.XavierNormal(new Shape(200, 300), new Generator(1)).ToArray<float>()), 4);
    }

    [Fact]
    public void HeUniformAndNormal_HaveVarianceTwoOverFanIn()
    {
        var bound = Math.Sqrt(6.0 / 300);
        var u = Init.HeUniform(new Shape(200, 300), new Generator(2)).ToArray<float>();
        Assert.All(u, v => Assert.InRange(v, -bound, bound));
        Assert.Equal(2.0 / 300, Variance(u), 3);
        Assert.Equal(2.0 / 300, Variance(Init.HeNormal(new Shape(200, 300), new Generator(2)).ToArray<float>()), 3);
    }

    [Theory]
    [InlineData(WeightInit.XavierUniform)]
    [InlineData(WeightInit.XavierNormal)]
    [InlineData(WeightInit.HeUniform)]
    [InlineData(WeightInit.HeNormal)]
    public void Create_SameSeed_SameWeightsBitForBit(WeightInit kind)
    {
        var a = Init.Create(kind, new Shape(7, 9), new Generator(42)).ToArray<float>();
        var b = Init.Create(kind, new Shape(7, 9), new Generator(42)).ToArray<float>();
        var c = Init.Create(kind, new Shape(7, 9), new Generator(43)).ToArray<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Zeros_IsZero()
    {
        Assert.All(Init.Create(WeightInit.Zeros, new Shape(3, 4), new Generator(1)).ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Layers_SameSeed_SameWeights()
    {
        var a = ModelZoo.Create("fc100-100-10", new Generator(9)).StateDict();
        var b = ModelZoo.Create("fc100-100-10", new Generator(9)).StateDict();
        Assert.All(a, kv => Assert.Equal(kv.Value.ToArray<float>(), b[kv.Key].ToArray<float>()));
    }

    private static double Variance(float[] values)
    {
        var mean = values.Average(v => (double)v);
        return values.Average(v => (v - mean) * (v - mean));
    }
}
