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
}
