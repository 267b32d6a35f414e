using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>
/// Training losses built from differentiable ops, so their gradients with respect to a model's
/// parameters (training) or its input (attacks) come from the tape. Each reduces over the batch as
/// <see cref="Reduction"/> says: the mean by default, or one value per example (what attack metrics,
/// early stopping and the batched L-BFGS objective need), or the sum.
/// </summary>
public static class Losses
{
    /// <summary>
    /// Mean softmax cross-entropy −(1/N) Σₙ log softmax(zₙ)_{yₙ}. The log-softmax is computed as
    /// z − logsumexp(z) with the maximum subtracted inside the log-sum-exp, so it neither overflows for
    /// large logits nor returns log 0 for tiny probabilities.
    /// </summary>
    /// <param name="logits">z, shape [N, C].</param>
    /// <param name="labels">y, int32 class indices of shape [N], each in [0, C).</param>
    /// <param name="reduction">Mean (a scalar), sum (a scalar) or none ([N], one loss per example).</param>
    /// <exception cref="ArgumentException">The shapes or the label dtype do not fit.</exception>
    public static Variable CrossEntropy(Variable logits, Tensor labels, Reduction reduction = Reduction.Mean)
    {
        CheckClassIndices("CrossEntropy", "logits", logits, labels);
        return Reduce(PerExampleCrossEntropy(logits, labels.To(logits.Device).Unsqueeze(1)), reduction);
    }

    // ℓₙ = −log softmax(zₙ)_{yₙ} as one node of the tape instead of four (log-softmax, gather, negation, squeeze):
    // an attack evaluates it thousands of times on a handful of logits, where each node costs more than its arithmetic.
    // The backward runs the four nodes' tensor ops in their order, so the gradient is the same to the bit: the upstream
    // gradient negated and scattered to each row's label (G), then log-softmax's vector-Jacobian product
    // G − softmax(z)·Σⱼ Gⱼ, i.e. ∂ℓₙ/∂zₙⱼ = softmax(zₙ)ⱼ − [j = yₙ] per unit of upstream gradient.
    private static Variable PerExampleCrossEntropy(Variable logits, Tensor labelColumn)
    {
        var logProbabilities = logits.Data.LogSoftmax(1);
        var losses = (-logProbabilities.Gather(1, labelColumn)).Squeeze(1);
        var shape = logits.Shape;
        return Variable.Record("cross_entropy", losses, [logits], [g =>
        {
            var scattered = Tensor.ScatterAdd(shape, 1, labelColumn, (-g).Unsqueeze(1));
            return scattered - logProbabilities.Exp() * scattered.Sum(1, keepDim: true);
        }]);
    }

    /// <summary>
    /// Mean logistic loss (1/N) Σₙ ζ(−yₙ zₙ) with ζ(t) = log(1 + eᵗ) the softplus and yₙ = 2·labelₙ − 1 ∈ {−1, +1},
    /// the loss Goodfellow, Shlens &amp; Szegedy 2015 (§5) write for logistic regression. ζ is evaluated as
    /// max(t, 0) + log(1 + e^(−|t|)), stable for any |t|.
    /// </summary>
    /// <param name="logit">z, shape [N] or [N, 1].</param>
    /// <param name="labels01">Labels in {0, 1} (any dtype), shape [N].</param>
    /// <param name="reduction">Mean (a scalar), sum (a scalar) or none ([N], one loss per example).</param>
    /// <exception cref="ArgumentException">The shapes do not fit.</exception>
    public static Variable LogisticLoss(Variable logit, Tensor labels01, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(logit);
        ArgumentNullException.ThrowIfNull(labels01);
        var z = logit.Rank == 2 && logit.Shape[1] == 1 ? logit.Squeeze(1) : logit;
        if (z.Rank != 1 || labels01.Rank != 1 || labels01.Shape[0] != z.Shape[0])
        {
            throw new ArgumentException($"LogisticLoss: logit {logit.Shape} and labels {labels01.Shape}; expected [N] or [N, 1] and [N]", nameof(labels01));
        }
        var y = labels01.To(logit.DType).To(logit.Device) * 2.0 - 1.0;
        return Reduce((-(z * new Variable(y))).Softplus(), reduction);
    }

    /// <summary>
    /// The largest score <see cref="UnitProbabilityLoss"/> lets into log(1 − eˢ): at s = −10⁻⁶ the term is
    /// log(10⁻⁶) ≈ −13.8, so a unit that claims certainty for a wrong class costs a large but finite loss.
    /// </summary>
    public const double UnitProbabilityCeiling = -1e-6;

    /// <summary>
    /// Mean negative log-likelihood of independent unit probabilities p_k = exp(s_k) against the one-hot label
    /// (each unit its own Bernoulli variable, the reading of Goodfellow, Shlens &amp; Szegedy 2015, §7, where an RBF
    /// unit is p(y = 1 | x) = exp((x − μ)ᵀβ(x − μ))):
    /// (1/N) Σₙ [−s_{n,yₙ} − Σ_{k≠yₙ} log(1 − exp(s_nk))]. Unlike softmax cross-entropy, which sees only the
    /// differences of the scores, it pins each unit's level: the true unit is pushed towards p = 1, every other
    /// towards 0. Scores above <see cref="UnitProbabilityCeiling"/> are clamped to it inside log(1 − eˢ) (no
    /// gradient flows there), which keeps the loss finite when a wrong unit is near certain.
    /// </summary>
    /// <param name="scores">s = log p, shape [N, C], each ≤ 0 (an <see cref="Rbf"/> layer's output).</param>
    /// <param name="labels">y, int32 class indices of shape [N], each in [0, C).</param>
    /// <param name="reduction">Mean (a scalar), sum (a scalar) or none ([N], one loss per example).</param>
    /// <exception cref="ArgumentException">The shapes or the label dtype do not fit.</exception>
    public static Variable UnitProbabilityLoss(Variable scores, Tensor labels, Reduction reduction = Reduction.Mean)
    {
        CheckClassIndices("UnitProbabilityLoss", "scores", scores, labels);
        var index = labels.To(scores.Device).Unsqueeze(1);
        // log(1 − p_k) for every unit; the true unit's term is taken out again below.
        var logMiss = (1.0 - scores.Clamp(double.NegativeInfinity, UnitProbabilityCeiling).Exp()).Log();
        var wrongUnits = logMiss.Sum(1) - logMiss.Gather(1, index).Squeeze(1);
        return Reduce(-scores.Gather(1, index).Squeeze(1) - wrongUnits, reduction);
    }

    /// <summary>
    /// Mean binary cross-entropy of sigmoid outputs against targets in [0, 1], over all M elements:
    /// (1/M) Σ −[t log σ(z) + (1 − t) log(1 − σ(z))] = (1/M) Σ ζ(z) − t·z, with ζ the softplus,
    /// evaluated in that stable form (its gradient is (σ(z) − t)/M). The reconstruction loss of a
    /// sigmoid autoencoder on pixels in [0, 1].
    /// </summary>
    /// <param name="logits">z, the pre-sigmoid outputs, any shape.</param>
    /// <param name="targets">t, the same shape, values in [0, 1].</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Variable BinaryCrossEntropyWithLogits(Variable logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.Shape != targets.Shape)
        {
            throw new ArgumentException($"BinaryCrossEntropyWithLogits: logits {logits.Shape} and targets {targets.Shape} differ", nameof(targets));
        }
        var t = new Variable(targets.To(logits.DType).To(logits.Device));
        return (logits.Softplus() - logits * t).Mean();
    }

    /// <summary>Mean squared error (1/M) Σ (ŷ − y)² over all M elements.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Variable MeanSquaredError(Variable prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Shape != target.Shape)
        {
            throw new ArgumentException($"MeanSquaredError: prediction {prediction.Shape} and target {target.Shape} differ", nameof(target));
        }
        return (prediction - new Variable(target.To(prediction.DType).To(prediction.Device))).Square().Mean();
    }

    // Scores [N, C] and int32 class indices [N], or an error naming the loss and both shapes.
    private static void CheckClassIndices(string loss, string scoresName, Variable scores, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(scores, scoresName);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Rank != 2 || labels.Rank != 1 || labels.Shape[0] != scores.Shape[0])
        {
            throw new ArgumentException($"{loss}: {scoresName} {scores.Shape} and labels {labels.Shape}; expected [N, C] and [N]", nameof(labels));
        }
        if (labels.DType != DType.Int32)
        {
            throw new ArgumentException($"{loss}: labels are {labels.DType.Name()}; expected int32 class indices", nameof(labels));
        }
    }

    private static Variable Reduce(Variable perExample, Reduction reduction) => reduction switch
    {
        Reduction.None => perExample,
        Reduction.Mean => perExample.Mean(),
        Reduction.Sum => perExample.Sum(),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "expected None, Mean or Sum"),
    };
}
