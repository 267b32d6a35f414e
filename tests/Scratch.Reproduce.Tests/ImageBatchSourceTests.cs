using Scratch.Data.Sets;
using Scratch.Nn.Training;

namespace Scratch.Reproduce.Tests;

public class ImageBatchSourceTests
{
    private static ImageDataset Seven()
    {
        var pixels = Enumerable.Range(0, 7 * 4).Select(i => i / 32f).ToArray();
        return new ImageDataset("seven", pixels, [3, 1, 4, 1, 5, 9, 2], 2, 2, 10);
    }

    [Fact]
    public void Batches_AreATensorDatasetsOverTheSameSet_ShuffledOrNot()
    {
        // Training reads a data set through this adapter in place of a TensorDataset copy: the same batches in the same
        // order, so a recipe trains to the same bits.
        var set = Seven();
        var copy = new TensorDataset(set.Images(), set.LabelTensor());
        var adapter = new ImageBatchSource(set);
        Assert.Equal(copy.Count, adapter.Count);
        foreach (var shuffle in new[] { false, true })
        {
            var expected = copy.Batches(3, shuffle ? new Generator(5) : null).ToArray();
            var actual = adapter.Batches(3, shuffle ? new Generator(5) : null).ToArray();
            Assert.Equal(3, actual.Length);
            for (var b = 0; b < expected.Length; b++)
            {
                Assert.Equal(expected[b].Images.Shape, actual[b].Images.Shape);
                Assert.Equal(expected[b].Images.ToArray<float>(), actual[b].Images.ToArray<float>());
                Assert.Equal(expected[b].Labels.ToArray<int>(), actual[b].Labels.ToArray<int>());
            }
        }
    }
}
