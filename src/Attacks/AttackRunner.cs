namespace Scratch.Attacks;

/// <summary>Runs an attack over a whole split in batches and joins the per-batch results.</summary>
public static class AttackRunner
{
    /// <summary>
    /// Splits <paramref name="images"/> into consecutive batches of <paramref name="batchSize"/>, attacks each with
    /// <paramref name="attack"/> (given the batch, its labels and the position of its first example, so seeded draws
    /// do not depend on the batching) and joins the results: one joined result per entry of the attack's list (one per ε),
    /// whose clean batch is <paramref name="images"/> itself. The run is one <see cref="DeviceScope"/>: every tensor the
    /// attack creates is recycled when it returns, but the joined results' x′, so a batch's own results must not be
    /// kept beyond it (read the joined ones).
    /// </summary>
    /// <param name="images">The examples [N, ...].</param>
    /// <param name="labels">Their labels, int32 [N].</param>
    /// <param name="batchSize">Examples per batch, ≥ 1.</param>
    /// <param name="attack">Attacks one batch; returns the same number of results for every batch.</param>
    /// <param name="progress">Called after each batch with the number of examples done so far, or null.</param>
    /// <exception cref="ArgumentException">The batch size is not positive, the split is empty or the counts differ.</exception>
    public static IReadOnlyList<AttackResult> InBatches(Tensor images, Tensor labels, int batchSize,
        Func<Tensor, Tensor, long, IReadOnlyList<AttackResult>> attack, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(attack);
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "attack: the batch size must be ≥ 1");
        }
        var n = images.Shape[0];
        if (n == 0 || labels.Rank != 1 || labels.Shape[0] != n)
        {
            throw new ArgumentException($"attack: {n} examples and labels of shape {labels.Shape}; expected at least one example and one label each", nameof(labels));
        }
        // Everything the batches create is recycled when the run returns, but the joined x′: a batch's own x′ is
        // needed only until it is copied into the joined one.
        using var scope = DeviceScope.Begin();
        List<AttackResult>[]? parts = null;
        for (var start = 0; start < n; start += batchSize)
        {
            var count = Math.Min(batchSize, n - start);
            var results = attack(images.Narrow(0, start, count), labels.Narrow(0, start, count), start);
            parts ??= results.Select(_ => new List<AttackResult>()).ToArray();
            if (results.Count != parts.Length)
            {
                throw new InvalidOperationException($"attack: a batch gave {results.Count} results, the first gave {parts.Length}");
            }
            for (var k = 0; k < results.Count; k++)
            {
                parts[k].Add(results[k]);
            }
            progress?.Invoke(start + count);
        }
        // The batches are consecutive views of the images: the joined clean batch is the images themselves.
        var joined = parts!.Select(p => AttackResult.Concat(p, images)).ToArray();
        foreach (var result in joined)
        {
            scope.Keep(result.Adversarial);
        }
        return joined;
    }
}
