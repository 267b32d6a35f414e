using System.Buffers;
using System.Numerics.Tensors;

namespace Scratch.Attacks;

/// <summary>
/// What an attack returns: the clean batch x, the adversarial batch x′ (inside the classifier's box) and one
/// <see cref="AdversarialExample"/> per example, measured by re-predicting x′ from scratch. The transfer
/// matrices feed <see cref="Adversarial"/> to other models; <see cref="AttackMetrics"/> summarises the records.
/// </summary>
public sealed class AttackResult
{
    // Doubles per block of examples measured at once: 64 KB, below the large-object heap's 85,000 bytes.
    private const int BlockElements = 8192;

    // The records as stored, for joining results block by block.
    private readonly ExampleList records;

    private AttackResult(string attack, double? epsilon, Tensor original, Tensor adversarial, ExampleList examples)
    {
        Attack = attack;
        Epsilon = epsilon;
        Original = original;
        Adversarial = adversarial;
        records = examples;
    }

    /// <summary>The attack's name ("fgsm", "pgd-linf", "lbfgs", ...).</summary>
    public string Attack { get; }

    /// <summary>The budget ε of an FGSM or PGD attack, or null.</summary>
    public double? Epsilon { get; }

    /// <summary>The clean batch x.</summary>
    public Tensor Original { get; }

    /// <summary>The adversarial batch x′, inside the classifier's box.</summary>
    public Tensor Adversarial { get; }

    /// <summary>One record per example, in batch order.</summary>
    public IReadOnlyList<AdversarialExample> Examples => records;

    /// <summary>The number of examples.</summary>
    public int Count => Examples.Count;

    /// <summary>The batch's metrics (both papers' measures).</summary>
    public AttackMetrics Metrics() => AttackMetrics.Of(Examples);

    /// <summary>
    /// Measures an attack's output: clips x′ into the classifier's box, predicts x and x′ again, and records
    /// per example the predictions, their probabilities, success and the norms of x′ − x.
    /// </summary>
    /// <param name="attack">The attack's name.</param>
    /// <param name="classifier">The attacked classifier.</param>
    /// <param name="x">The clean batch.</param>
    /// <param name="adversarial">The attack's output, same shape as x.</param>
    /// <param name="labels">True labels, int32 [N].</param>
    /// <param name="targets">Per example the target class, or −1 for untargeted.</param>
    /// <param name="work">Per example the work done.</param>
    /// <param name="epsilon">The budget, for FGSM and PGD.</param>
    public static AttackResult Evaluate(string attack, Classifier classifier, Tensor x, Tensor adversarial, Tensor labels,
        IReadOnlyList<int> targets, IReadOnlyList<AttackWork> work, double? epsilon = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(x);
        return Evaluate(attack, classifier, x, classifier.Scores(x), adversarial, labels, targets, work, epsilon);
    }

    /// <summary>
    /// As the public overload, with the clean batch's scores already computed (one forward saved per call); with
    /// <paramref name="insideBox"/> the attack has clipped x′ itself, exactly as <see cref="Tensor.Clamp"/> to the
    /// classifier's bounds would, and the clip (a pass over the batch) is not repeated.
    /// </summary>
    internal static AttackResult Evaluate(string attack, Classifier classifier, Tensor x, Tensor cleanScores, Tensor adversarial, Tensor labels,
        IReadOnlyList<int> targets, IReadOnlyList<AttackWork> work, double? epsilon, bool insideBox = false)
    {
        ArgumentNullException.ThrowIfNull(adversarial);
        ArgumentNullException.ThrowIfNull(labels);
        var n = x.Shape[0];
        if (adversarial.Shape != x.Shape)
        {
            throw new ArgumentException($"{attack}: adversarial batch {adversarial.Shape} differs from the clean batch {x.Shape}", nameof(adversarial));
        }
        if (targets.Count != n || work.Count != n)
        {
            throw new ArgumentException($"{attack}: {targets.Count} targets and {work.Count} work records for {n} examples", nameof(targets));
        }
        var clipped = insideBox ? adversarial : adversarial.Clamp(classifier.LowerBound, classifier.UpperBound);
        var (cleanPred, cleanConf) = PredictWithConfidence(classifier, cleanScores);
        var (pred, conf) = PredictWithConfidence(classifier, classifier.Scores(clipped));
        var y = labels.To(Device.Cpu).ToArray<int>();
        var (hostClean, hostPerturbed) = (x.To(Device.Cpu), clipped.To(Device.Cpu));
        var perExample = n == 0 ? 0 : x.ElementCount / n;
        var sizes = ArrayPool<PerturbationSize>.Shared.Rent(n);
        var examples = new ExampleList(n);
        try
        {
            Measure(hostPerturbed, hostClean, perExample, sizes.AsSpan(0, n));
            for (var i = 0; i < n; i++)
            {
                var success = targets[i] >= 0 ? pred[i] == targets[i] : pred[i] != y[i];
                examples.At(i) = new AdversarialExample(y[i], targets[i], cleanPred[i], cleanConf[i], pred[i], conf[i], success, sizes[i], work[i]);
            }
        }
        finally
        {
            ArrayPool<PerturbationSize>.Shared.Return(sizes);
        }
        return new AttackResult(attack, epsilon, x, clipped, examples);
    }

    /// <summary>Joins the results of consecutive batches of one attack (same name and ε) into one.</summary>
    /// <exception cref="ArgumentException">The list is empty or mixes attacks or budgets.</exception>
    public static AttackResult Concat(IReadOnlyList<AttackResult> parts) => Concat(parts, null);

    /// <summary>
    /// As <see cref="Concat(IReadOnlyList{AttackResult})"/>; when the batches were consecutive views that together
    /// cover <paramref name="original"/>, that tensor is the joined result's clean batch, without a copy.
    /// </summary>
    internal static AttackResult Concat(IReadOnlyList<AttackResult> parts, Tensor? original)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("AttackResult.Concat: no results to join", nameof(parts));
        }
        var first = parts[0];
        if (parts.Any(p => p.Attack != first.Attack || p.Epsilon != first.Epsilon))
        {
            throw new ArgumentException("AttackResult.Concat: the results come from different attacks or budgets", nameof(parts));
        }
        return parts.Count == 1 && original is null
            ? first
            : new AttackResult(first.Attack, first.Epsilon,
                original ?? Tensor.Concat(parts.Select(p => p.Original).ToArray()),
                parts.Count == 1 ? first.Adversarial : Tensor.Concat(parts.Select(p => p.Adversarial).ToArray()),
                ExampleList.Join(parts.Select(p => p.records)));
    }

    /// <summary>
    /// Keeps, per example, the successful result with the smallest L2 perturbation (all results of one batch
    /// with the same clean x, e.g. one per target class); when none succeeded, the one whose x′ is closest.
    /// </summary>
    public static AttackResult SmallestSuccessful(IReadOnlyList<AttackResult> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("AttackResult.SmallestSuccessful: no candidates", nameof(candidates));
        }
        var first = candidates[0];
        var n = first.Count;
        var best = new int[n];
        for (var i = 0; i < n; i++)
        {
            for (var c = 1; c < candidates.Count; c++)
            {
                var a = candidates[best[i]].Examples[i];
                var b = candidates[c].Examples[i];
                if ((b.Success && !a.Success) || (b.Success == a.Success && b.Size.L2 < a.Size.L2))
                {
                    best[i] = c;
                }
            }
        }
        var rows = Enumerable.Range(0, n).Select(i => candidates[best[i]].Adversarial.Narrow(0, i, 1)).ToArray();
        var adversarial = n == 0 ? first.Adversarial : Tensor.Concat(rows);
        // The work of an example is everything spent on it, over every candidate.
        var examples = new ExampleList(n);
        for (var i = 0; i < n; i++)
        {
            examples.At(i) = candidates[best[i]].Examples[i] with
            {
                Work = candidates[best[i]].Examples[i].Work with
                {
                    Gradients = candidates.Sum(c => c.Examples[i].Work.Gradients),
                    Iterations = candidates.Sum(c => c.Examples[i].Work.Iterations),
                },
            };
        }
        return new AttackResult(first.Attack, first.Epsilon, first.Original, adversarial, examples);
    }

    // The size of x′ − x per example, in float64. Float32 batches are measured in place, each element widened as it
    // is read (one pass, nothing copied); others a few examples at a time through two pooled blocks of doubles,
    // under the large-object heap's threshold (docs/memory.md).
    private static void Measure(Tensor perturbed, Tensor clean, int perExample, Span<PerturbationSize> sizes)
    {
        var n = sizes.Length;
        if (clean.DType == DType.Float32 && perturbed.DType == DType.Float32)
        {
            PerturbationSize.OfRows(perturbed.Contiguous().HostElements<float>(), clean.Contiguous().HostElements<float>(), perExample, sizes);
            return;
        }
        var rowsPerBlock = Math.Max(1, BlockElements / Math.Max(1, perExample));
        var cleanDoubles = ArrayPool<double>.Shared.Rent(rowsPerBlock * perExample);
        var r = ArrayPool<double>.Shared.Rent(rowsPerBlock * perExample);
        try
        {
            for (var start = 0; start < n; start += rowsPerBlock)
            {
                var rows = Math.Min(rowsPerBlock, n - start);
                var block = rows * perExample;
                clean.Narrow(0, start, rows).CopyTo(cleanDoubles.AsSpan(0, block));
                perturbed.Narrow(0, start, rows).CopyTo(r.AsSpan(0, block));
                TensorPrimitives.Subtract(r.AsSpan(0, block), cleanDoubles.AsSpan(0, block), r.AsSpan(0, block));
                for (var i = 0; i < rows; i++)
                {
                    sizes[start + i] = PerturbationSize.Of(r.AsSpan(i * perExample, perExample));
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(cleanDoubles);
            ArrayPool<double>.Shared.Return(r);
        }
    }

    private static (int[] Predictions, double[] Confidences) PredictWithConfidence(Classifier classifier, Tensor scores)
    {
        var predictions = classifier.Predict(scores);
        var confidence = classifier.Probabilities(scores).Gather(1, predictions.Unsqueeze(1)).Squeeze(1);
        return (predictions.To(Device.Cpu).ToArray<int>(), confidence.To(DType.Float64).To(Device.Cpu).ToArray<double>());
    }
}
