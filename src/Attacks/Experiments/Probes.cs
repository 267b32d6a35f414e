namespace Scratch.Attacks;

/// <summary>
/// Goodfellow et al.'s probes of a classifier beyond attacks: the rubbish class (§8) and the logits along one FGSM
/// direction (Fig. 4).
/// </summary>
public static class Probes
{
    private const int RubbishBatch = 1000;

    /// <summary>
    /// §8: <paramref name="count"/> inputs drawn from N(0, I) (from the Philox stream of <paramref name="seed"/>; not clipped
    /// to the pixel box: the paper's rubbish inputs lie outside it), each counted as an error when some class gets
    /// p &gt; 0.5 (the output kind's probability: unit probabilities for RBF units).
    /// </summary>
    /// <param name="classifier">The classifier.</param>
    /// <param name="exampleShape">The shape of one input (e.g. [1, 28, 28]).</param>
    /// <param name="count">How many inputs.</param>
    /// <param name="seed">The seed of the draws.</param>
    /// <param name="dtype">The dtype the classifier takes.</param>
    /// <param name="device">The device it runs on.</param>
    public static RubbishResult RubbishClass(Classifier classifier, Shape exampleShape, int count, ulong seed, DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var x = Tensor.Randn([count, .. exampleShape.ToArray()], new Generator(seed), dtype, device ?? Device.Cpu);
        // In batches, each in its own scope: an RBF layer's [N, C, pixels] differences of all 10,000 inputs at once
        // would be 313 MB of fresh memory. Each example's scores do not depend on the others in its batch.
        var top = new double[count];
        for (var start = 0; start < count; start += RubbishBatch)
        {
            using var scope = DeviceScope.Begin();
            var length = Math.Min(RubbishBatch, count - start);
            classifier.Probabilities(classifier.Scores(x.Narrow(0, start, length))).Max(1).CopyTo(top.AsSpan(start, length));
        }
        var confident = top.Where(p => p > 0.5).ToArray();
        return new RubbishResult(count, confident.Length / (double)count, confident.Length == 0 ? double.NaN : confident.Average(), top.Average());
    }

    /// <summary>
    /// Fig. 4: the scores of x + ε·d for each ε, with d = sign(∇ₓJ(θ, x, y)) fixed at x (unclipped: the figure runs ε
    /// over [−10, 10]). Returns one row of scores per ε.
    /// </summary>
    public static double[][] ScoresAlongFgsmDirection(Classifier classifier, Tensor x, Tensor label, IReadOnlyList<double> epsilons)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(epsilons);
        if (x.Shape[0] != 1)
        {
            throw new ArgumentException($"Fig. 4 probe: x has shape {x.Shape}; expected one example [1, ...]", nameof(x));
        }
        var direction = classifier.LossGradient(x, label).Sign();
        var batch = Tensor.Concat(epsilons.Select(e => x + direction * e).ToArray());
        var scores = classifier.Scores(batch);
        var width = scores.ElementCount / epsilons.Count;
        var values = scores.To(DType.Float64).To(Device.Cpu).ToArray<double>();
        return Enumerable.Range(0, epsilons.Count).Select(i => values.AsSpan(i * width, width).ToArray()).ToArray();
    }
}
