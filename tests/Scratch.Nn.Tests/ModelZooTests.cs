namespace Scratch.Nn.Tests;

public class ModelZooTests
{
    // Parameter counts by hand: weights in·out plus biases out, per layer.
    public static TheoryData<string, int, long> Models => new()
    {
        { "fc10", 10, 784 * 10 + 10 },
        { "fc10-1e-4", 10, 784 * 10 + 10 },
        { "fc10-1e-2", 10, 784 * 10 + 10 },
        { "fc10-1", 10, 784 * 10 + 10 },
        { "fc100-100-10", 10, 784 * 100 + 100 + 100 * 100 + 100 + 100 * 10 + 10 },
        { "fc200-200-10", 10, 784 * 200 + 200 + 200 * 200 + 200 + 200 * 10 + 10 },
        { "fc123-456-10", 10, 784 * 123 + 123 + 123 * 456 + 456 + 456 * 10 + 10 },
        { "ae400-10", 10, 784 * 400 + 400 + 400 * 10 + 10 },
        { "logreg", 1, 784 + 1 },
        { "maxout", 10, 784 * 1200 + 1200 + 240 * 1200 + 1200 + 240 * 10 + 10 },
        { "rbf", 10, 2 * 784 * 10 },
        { "conv", 10, 1 * 32 * 25 + 32 + 32 * 64 * 25 + 64 + 1024 * 10 + 10 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Create_MapsImagesToOutputs_WithExpectedParameterCount(string name, int outputs, long parameters)
    {
        var model = ModelZoo.Create(name, new Generator(1));
        var images = Tensor.Rand(new Shape(2, 1, 28, 28), new Generator(2));
        var y = model.Forward(new Variable(images));
        Assert.Equal(new Shape(2, outputs), y.Shape);
        Assert.All(y.Data.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
        Assert.Equal(parameters, model.ParameterCount());
        Assert.False(string.IsNullOrWhiteSpace(ModelZoo.Describe(name)));
    }

    [Fact]
    public void Names_ListEveryModel()
    {
        Assert.Equal(Models.Select(row => (string)row[0]), ModelZoo.Names);
    }

    [Theory]
    [InlineData("fc10", 0.0, 0.0, 0.0)]
    [InlineData("fc10-1e-4", 1e-4, 0.0, 0.0)]
    [InlineData("fc10-1", 1.0, 0.0, 0.0)]
    [InlineData("fc100-100-10", 1e-5, 1e-5, 1e-6)]
    [InlineData("fc123-456-10", 1e-5, 1e-5, 1e-6)]
    public void Create_SetsSzegedysLambdaPerLayer(string name, double first, double second, double third)
    {
        var lambdas = ModelZoo.Create(name, new Generator(1)).NamedModules().Select(m => m.Module).OfType<Linear>().Select(l => l.L2).ToArray();
        double[] expected = [first, second, third];
        Assert.Equal(expected.Take(lambdas.Length), lambdas);
    }

    [Fact]
    public void Create_Maxout_HasDropoutTwoTenthsThenHalf()
    {
        var dropouts = ModelZoo.Create("maxout", new Generator(1)).NamedModules().Select(m => m.Module).OfType<Dropout>().Select(d => d.P);
        Assert.Equal([0.2, 0.5, 0.5], dropouts);
    }

    [Fact]
    public void Create_UnknownName_ListsKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.Create("resnet", new Generator(1)));
        Assert.Contains("fc100-100-10", e.Message);
    }

    [Fact]
    public void Create_Conv_GradientReachesTheInput()
    {
        var model = ModelZoo.Create("conv", new Generator(1));
        var x = new Variable(Tensor.Rand(new Shape(2, 1, 28, 28), new Generator(2)), requiresGrad: true);
        var loss = Losses.CrossEntropy(model.Forward(x), Tensor.FromArray([3, 7], 2));
        var g = Autodiff.Grad(loss, x);
        Assert.Equal(x.Shape, g.Shape);
        Assert.Contains(g.ToArray<float>(), v => v != 0);
    }
}
