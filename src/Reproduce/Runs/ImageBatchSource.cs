using Scratch.Data.Sets;
using Scratch.Nn.Training;

namespace Scratch.Reproduce;

/// <summary>
/// An <see cref="ImageDataset"/> as the trainer's <see cref="IBatchSource"/>, read in place: Nn takes its data through
/// <see cref="IBatchSource"/>, and Scratch.Data (which references Tensor only) cannot implement it, but its
/// <see cref="ImageDataset.Batches"/> has the same contract (the same order, shuffled or not, and each batch made in the
/// pooled memory of the scope it is drawn in). No copy of the images is made, so a training run over a data set
/// costs no fresh memory for its examples.
/// </summary>
public sealed class ImageBatchSource(ImageDataset data) : IBatchSource
{
    /// <summary>The data set read.</summary>
    public ImageDataset Data { get; } = data ?? throw new ArgumentNullException(nameof(data));

    /// <inheritdoc/>
    public int Count => Data.Count;

    /// <inheritdoc/>
    public IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, Generator? shuffle = null) => Data.Batches(batchSize, shuffle);
}
