using Scratch.Nn.Tests.Support;

namespace Scratch.Nn.Tests.Layers;

public class SequentialTests
{
    [Fact]
    public void Forward_AppliesLayersInOrder()
    {
        var first = new Linear(1, 1, new Generator(1));
        first.Weight.Value = Tensor.FromArray([2f], 1, 1);
        first.Bias!.Value = Tensor.FromArray([-3f], 1);
        var net = new Sequential(first, new ReLU());
        // relu(2x − 3): 1 → 0, 4 → 5.
        TensorAssert.Close(Tensor.FromArray([0f, 5f], 2, 1), net.Forward(new Variable(Tensor.FromArray([1f, 4f], 2, 1))).Data);
    }

    [Fact]
    public void Children_AreNamedByIndex()
    {
        var net = new Sequential(new Flatten(), new Linear(4, 2, new Generator(1)), new Sigmoid());
        Assert.Equal(["0", "1", "2"], net.Children.Select(c => c.Name));
        Assert.Equal(3, net.Count);
        Assert.IsType<Linear>(net[1]);
    }

    [Fact]
    public void GradCheck_Chain()
    {
        var g = new Generator(3);
        ModuleGradCheck.Assert(new Sequential(new Linear(4, 5, g), new Tanh(), new Linear(5, 2, g)), ModuleGradCheck.Randn(4, 3, 4));
    }

    // A ReLU before a max-pool runs after it (the output's op is the ReLU). Inputs k/2 for k in −3…3 give ties inside
    // windows, exact zeros and windows without a positive input; every 17th input is NaN in the NaN cases. The
    // reordered pair must give the layer-by-layer bits, output and input gradient, on the 2×2 fast path and the general one.
    [Theory]
    [InlineData(2, 2, 0, false)]
    [InlineData(3, 2, 1, false)]
    [InlineData(2, 2, 0, true)]
    [InlineData(3, 2, 1, true)]
    public void ReluThenMaxPool_SameBitsAsLayerByLayer(int kernel, int stride, int padding, bool withNaN)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var values = new double[2 * 3 * 9 * 9];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = withNaN && i % 17 == 5 ? double.NaN : (i * 7919 % 7 - 3) / 2.0;
            }

            var input = Tensor.FromArray(values, 2, 3, 9, 9).To(dtype);
            var layers = new Module[] { new ReLU(), new MaxPool2d(kernel, stride, padding) };
            var x = new Variable(input, requiresGrad: true);
            var reordered = new Sequential(layers).Forward(x);
            Assert.Equal("relu", reordered.Op);
            var seed = ModuleGradCheck.Randn(3, reordered.Shape.ToArray()).To(dtype);
            var reorderedGrad = Autodiff.Grad(reordered, x, seed);

            var h = x;
            foreach (var layer in layers)
            {
                h = layer.Forward(h);
            }

            Assert.Equal("max_pool2d", h.Op);
            Assert.Equal(Bits(h.Data), Bits(reordered.Data));
            Assert.Equal(Bits(Autodiff.Grad(h, x, seed)), Bits(reorderedGrad));
        }
    }

    // Only a ReLU before a max-pool moves: average pooling does not commute with it, and a saturating activation
    // can give two inputs of a window one value and so move the pool's choice.
    [Fact]
    public void OtherPairs_RunAsWritten()
    {
        var x = new Variable(ModuleGradCheck.Randn(1, 1, 2, 4, 4), requiresGrad: true);
        Assert.Equal("avg_pool2d", new Sequential(new ReLU(), new AvgPool2d(2)).Forward(x).Op);
        Assert.Equal("max_pool2d", new Sequential(new Tanh(), new MaxPool2d(2)).Forward(x).Op);
        Assert.Equal("relu", new Sequential(new MaxPool2d(2), new ReLU()).Forward(x).Op);
    }

    private static long[] Bits(Tensor t) => Array.ConvertAll(t.To(DType.Float64).ToArray<double>(), BitConverter.DoubleToInt64Bits);
}
