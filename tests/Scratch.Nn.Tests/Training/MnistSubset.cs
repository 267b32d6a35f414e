using Scratch.Data.Sets;
using Scratch.Nn.Training;

namespace Scratch.Nn.Tests.Training;

/// <summary>Real MNIST, loaded (and fetched on first use) once per test run: the first 5,000 training and 1,000 test images.</summary>
internal static class MnistSubset
{
    private static readonly Lazy<(ImageDataset Train, ImageDataset Test)> Data = new(() =>
    {
        var (train, test) = Mnist.Load();
        return (train.Range(0, 5000), test.Range(0, 1000));
    });

    public static ImageDataset Train => Data.Value.Train;

    public static ImageDataset Test => Data.Value.Test;

    /// <summary>The data set as the trainer reads it (the same batches, bit for bit, as <see cref="ImageDataset.Batches"/>).</summary>
    public static TensorDataset AsSource(this ImageDataset data) => new(data.Images(), data.LabelTensor());
}
