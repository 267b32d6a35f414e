namespace Scratch.Nn.Training;

/// <summary>
/// Labelled examples as the trainer reads them: mini-batches of tensors (inputs [B, ...], int32 labels
/// [B]), in order or in a fresh seeded permutation per call. Nn reads data only through this
/// interface; <see cref="TensorDataset"/> implements it over tensors, and an application adapts its
/// own data sets (the CLI wraps Scratch.Data's ImageDataset, whose Batches has this signature).
/// </summary>
public interface IBatchSource
{
    /// <summary>The number of examples.</summary>
    int Count { get; }

    /// <summary>
    /// The examples in batches of <paramref name="batchSize"/> (the last one smaller), in order, or in a
    /// permutation drawn from <paramref name="shuffle"/> when one is given (each call draws a new one).
    /// </summary>
    IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, Generator? shuffle = null);
}
