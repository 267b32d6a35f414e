using Scratch.Data.Sets;

namespace Scratch.Data.Tests.Sets;

public class ImageDatasetTests
{
    // Ten 2×2 "images" whose pixels all equal i/10, with label i % 3.
    private static ImageDataset Sample()
    {
        var pixels = Enumerable.Range(0, 10).SelectMany(i => Enumerable.Repeat(i / 10f, 4)).ToArray();
        var labels = Enumerable.Range(0, 10).Select(i => i % 3).ToArray();
        return new ImageDataset("sample", pixels, labels, 2, 2, 3);
    }

    [Fact]
    public void Images_OfTheWholeSet_AreAViewThatOutlivesAScope()
    {
        // The whole set's tensors are views of the set's own arrays, not pooled copies: made inside a scope, they
        // stay readable after it (a copy made there would be the scope's, and recycled with it).
        var set = Sample();
        Tensor images, labels, picked;
        using (DeviceScope.Begin())
        {
            images = set.Images();
            labels = set.LabelTensor();
            picked = set.Images([3, 1]);
        }
        Assert.Equal(set.Pixels, images.Reshape(-1).ToArray<float>());
        Assert.Equal(new[] { 10, 1, 2, 2 }, images.Shape.ToArray());
        Assert.Equal(set.Labels, labels.ToArray<int>());
        Assert.Equal(new[] { 0.3f, 0.3f, 0.3f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f }, picked.Reshape(-1).ToArray<float>());
    }

    [Fact]
    public void Halves_AreDisjointAndCoverTheSet()
    {
        var (p1, p2) = Sample().Halves();
        Assert.Equal(5, p1.Count);
        Assert.Equal(5, p2.Count);
        Assert.Equal(0f, p1.Pixels[0]);
        Assert.Equal(0.5f, p2.Pixels[0]);
        Assert.Equal("sample[P2]", p2.Name);
    }

    [Fact]
    public void WithClasses_KeepsAndRelabels()
    {
        var s = Sample().WithClasses(2, 0);
        Assert.Equal(2, s.Classes);
        // labels i%3 ∈ {2, 0} for i = 0, 2, 3, 5, 6, 8, 9 → 0 ↦ 1, 2 ↦ 0
        Assert.Equal(new[] { 1, 0, 1, 0, 1, 0, 1 }, s.Labels);
        Assert.Equal(0.2f, s.Pixels[4]);
    }

    [Fact]
    public void Batches_CoverEveryExampleOnce_AndShuffleIsSeeded()
    {
        var set = Sample();
        var batches = set.Batches(4, new Generator(1)).ToList();
        Assert.Equal(new[] { 4, 4, 2 }, batches.Select(b => b.Labels.Shape[0]));
        Assert.Equal(new Shape(4, 1, 2, 2), batches[0].Images.Shape);
        var seen = batches.SelectMany(b => b.Images.ToArray<float>().Where((_, i) => i % 4 == 0)).Select(v => (int)Math.Round(v * 10)).Order();
        Assert.Equal(Enumerable.Range(0, 10), seen);
        var again = set.Batches(4, new Generator(1)).First().Labels.ToArray<int>();
        Assert.Equal(batches[0].Labels.ToArray<int>(), again);
        Assert.Equal(2, set.Batches(4, dropLast: true).Count());
    }

    [Fact]
    public void Constructor_BadLabel_ErrorNamesExample()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageDataset("d", new float[4], [0, 5], 1, 2, 3));
        Assert.Contains("label 5 of example 1", e.Message);
    }

    [Fact]
    public void Create_SizesWhoseProductWrapsPast2To64_Rejected()
    {
        // 2²² labels of 2²¹ × 2²¹ images: 2⁶⁴ pixels, which wraps to the 0 pixels given in 64-bit arithmetic.
        var e = Assert.Throws<ArgumentException>(() => new ImageDataset("wrap", [], new int[1 << 22], 1 << 21, 1 << 21, 10));
        Assert.Contains("images of 2097152×2097152 = 4398046511104 pixels; at most 2147483647 fit", e.Message);
    }

    [Theory]
    [InlineData(0, 2, 3)]
    [InlineData(2, -1, 3)]
    [InlineData(2, 2, 0)]
    public void Create_NonPositiveSize_Rejected(int height, int width, int classes)
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageDataset("bad", [], [], height, width, classes));
        Assert.Contains("expected positive sizes", e.Message);
    }

    [Fact]
    public void Range_WhoseEndOverflowsInt_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample().Range(int.MaxValue, 1));

    [Fact]
    public void Batches_DrawnInsideScopes_ReuseTheirArrays_WhileABatchHeldOutsideKeepsItsValues()
    {
        var set = Sample();
        var held = set.Batches(5).First();
        void DrawAll()
        {
            using var batches = set.Batches(5).GetEnumerator();
            for (var k = 0; ; k++)
            {
                using var scope = DeviceScope.Begin();
                if (!batches.MoveNext())
                {
                    break;
                }
                // Batch k holds examples 5k … 5k + 4: pixels i/10, labels i % 3.
                Assert.Equal(k * 0.5f, batches.Current.Images.ToArray<float>()[0]);
                Assert.Equal(5 * k % 3, batches.Current.Labels.ToArray<int>()[0]);
            }
        }
        DrawAll();
        var allocations = HostMemory.Allocations;
        DrawAll();
        Assert.Equal(allocations, HostMemory.Allocations);
        Assert.Equal(new[] { 0f, 0f, 0f, 0f, 0.1f, 0.1f, 0.1f, 0.1f }, held.Images.ToArray<float>()[..8]);
        Assert.Equal(new[] { 0, 1, 2, 0, 1 }, held.Labels.ToArray<int>());
    }
}
