namespace Scratch.Nn.Training;

/// <summary>
/// An in-memory <see cref="IBatchSource"/> over a tensor of inputs [N, ...] (float32 or float64) and a
/// tensor of int32 labels [N], kept on the CPU. A batch copies its examples into memory made as an op's
/// result (<see cref="Tensor.Create{T, TState}"/>: recycled with the <see cref="DeviceScope"/> it is drawn in);
/// the shuffle is a Fisher–Yates permutation of 0..N−1 drawn from the generator, so a seed fixes the order of
/// every epoch.
/// </summary>
public sealed class TensorDataset : IBatchSource
{
    private readonly float[]? _single;
    private readonly double[]? _double;
    private readonly int[] _labels;
    private readonly int[] _exampleShape;
    private readonly int _exampleSize;

    /// <summary>Creates the data set; the tensors are copied to the host.</summary>
    /// <exception cref="ArgumentException">The inputs are not float32 or float64 of rank ≥ 1, the labels are not int32 [N], or the counts differ.</exception>
    public TensorDataset(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Rank < 1 || labels.Rank != 1 || labels.Shape[0] != images.Shape[0])
        {
            throw new ArgumentException($"TensorDataset: images {images.Shape} and labels {labels.Shape}; expected [N, ...] and [N]", nameof(labels));
        }
        if (labels.DType != DType.Int32)
        {
            throw new ArgumentException($"TensorDataset: labels are {labels.DType.Name()}; expected int32 class indices", nameof(labels));
        }
        if (images.DType == DType.Float32)
        {
            _single = images.ToArray<float>();
        }
        else if (images.DType == DType.Float64)
        {
            _double = images.ToArray<double>();
        }
        else
        {
            throw new ArgumentException($"TensorDataset: images are {images.DType.Name()}; expected float32 or float64", nameof(images));
        }
        _labels = labels.ToArray<int>();
        _exampleShape = images.Shape.ToArray()[1..];
        _exampleSize = _exampleShape.Aggregate(1, (size, d) => checked(size * d));
    }

    /// <inheritdoc/>
    public int Count => _labels.Length;

    /// <inheritdoc/>
    public IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, Generator? shuffle = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var order = Enumerable.Range(0, Count).ToArray();
        shuffle?.Shuffle<int>(order);
        return Enumerate(order, batchSize);
    }

    private IEnumerable<(Tensor Images, Tensor Labels)> Enumerate(int[] order, int batchSize)
    {
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var picks = (Set: this, Examples: new ArraySegment<int>(order, start, Math.Min(batchSize, order.Length - start)));
            int[] shape = [picks.Examples.Count, .. _exampleShape];
            var images = _single is not null
                ? Tensor.Create<float, (TensorDataset Set, ArraySegment<int> Examples)>(shape, picks, static (rows, p) => p.Set.Gather(p.Set._single!, p.Examples, rows))
                : Tensor.Create<double, (TensorDataset Set, ArraySegment<int> Examples)>(shape, picks, static (rows, p) => p.Set.Gather(p.Set._double!, p.Examples, rows));
            var labels = Tensor.Create<int, (TensorDataset Set, ArraySegment<int> Examples)>([picks.Examples.Count], picks, static (values, p) =>
            {
                for (var i = 0; i < p.Examples.Count; i++)
                {
                    values[i] = p.Set._labels[p.Examples[i]];
                }
            });
            yield return (images, labels);
        }
    }

    private void Gather<T>(T[] source, ArraySegment<int> picks, Span<T> rows)
    {
        for (var i = 0; i < picks.Count; i++)
        {
            source.AsSpan(picks[i] * _exampleSize, _exampleSize).CopyTo(rows.Slice(i * _exampleSize, _exampleSize));
        }
    }
}
