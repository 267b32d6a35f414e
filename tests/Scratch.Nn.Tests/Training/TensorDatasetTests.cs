using Scratch.Nn.Training;

namespace Scratch.Nn.Tests.Training;

public class TensorDatasetTests
{
    // Five examples of shape [1, 2]: example i holds (i, 10 + i) and label i.
    private static TensorDataset Five(DType dtype = DType.Float32)
    {
        var values = Enumerable.Range(0, 5).SelectMany(i => new double[] { i, 10 + i }).ToArray();
        return new TensorDataset(Tensor.FromArray(values, 5, 1, 2).To(dtype), Tensor.FromArray(new[] { 0, 1, 2, 3, 4 }));
    }

    [Fact]
    public void Batches_InOrder_SplitsWithASmallerLastBatch()
    {
        var batches = Five().Batches(2).ToList();
        Assert.Equal([2, 2, 1], batches.Select(b => b.Images.Shape[0]));
        Assert.Equal(new Shape(2, 1, 2), batches[0].Images.Shape);
        Assert.Equal([2f, 12f, 3f, 13f], batches[1].Images.ToArray<float>());
        Assert.Equal([4], batches[2].Labels.ToArray<int>());
    }

    [Fact]
    public void Batches_Shuffled_IsASeededPermutationThatKeepsImagesWithTheirLabels()
    {
        List<int> Order(Generator g) => Five().Batches(5, g).Single().Labels.ToArray<int>().ToList();
        var g1 = new Generator(9);
        var first = Order(g1);
        var second = Order(g1);
        Assert.Equal([0, 1, 2, 3, 4], first.Order());
        Assert.NotEqual(first, second);
        Assert.Equal(first, Order(new Generator(9)));
        var (images, labels) = Five().Batches(5, new Generator(9)).Single();
        var pixels = images.ToArray<float>();
        var ys = labels.ToArray<int>();
        for (var n = 0; n < 5; n++)
        {
            Assert.Equal([ys[n], 10f + ys[n]], pixels.Skip(2 * n).Take(2));
        }
    }

    [Fact]
    public void Batches_Float64Images_StayFloat64()
    {
        var (images, _) = Five(DType.Float64).Batches(3).First();
        Assert.Equal(DType.Float64, images.DType);
        Assert.Equal([0.0, 10.0, 1.0, 11.0, 2.0, 12.0], images.ToArray<double>());
    }

    [Fact]
    public void Constructor_BadTensors_NameTheProblem()
    {
        var images = Tensor.Zeros(new Shape(3, 4));
        Assert.Contains("expected [N, ...] and [N]", Assert.Throws<ArgumentException>(() => new TensorDataset(images, Tensor.FromArray(new[] { 0, 1 }))).Message);
        Assert.Contains("expected int32", Assert.Throws<ArgumentException>(() => new TensorDataset(images, Tensor.Zeros(new Shape(3)))).Message);
        Assert.Contains("expected float32 or float64", Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.FromArray(new[] { 1, 2, 3 }), Tensor.FromArray(new[] { 0, 1, 2 }))).Message);
    }
}
