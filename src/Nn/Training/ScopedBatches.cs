namespace Scratch.Nn.Training;

/// <summary>Batches drawn one scope at a time, for the loops that evaluate a model batch by batch.</summary>
internal static class ScopedBatches
{
    /// <summary>
    /// Each batch of <paramref name="batches"/>, drawn inside a new <see cref="DeviceScope"/> that stays open while the
    /// caller's loop body works on it and ends when the next batch is asked for or the loop ends: a source that makes
    /// its batches as op results (ImageDataset, TensorDataset) gets the same arrays back batch after batch, and the
    /// body's own tensors are recycled with its batch.
    /// </summary>
    public static IEnumerable<(Tensor Images, Tensor Labels)> EachInItsOwnScope(IEnumerable<(Tensor Images, Tensor Labels)> batches)
    {
        using var batch = batches.GetEnumerator();
        while (true)
        {
            using var scope = DeviceScope.Begin();
            if (!batch.MoveNext())
            {
                yield break;
            }
            yield return batch.Current;
        }
    }
}
