using Scratch.Autograd;

namespace Scratch.Nn.Training;

/// <summary>
/// How the trainer scores a classifier, chosen from the width of the model's output so that no flag
/// is needed: one output (a logit, e.g. logistic regression on MNIST 3 vs 7) is trained with
/// <see cref="Losses.LogisticLoss"/> on labels in {0, 1} and predicts class 1 when the logit is
/// positive; C ≥ 2 outputs (logits) are trained with <see cref="Losses.CrossEntropy"/> and predict the arg-max.
/// </summary>
public static class Objective
{
    /// <summary>The mean data loss of a batch of outputs ([N, 1] or [N] → logistic; [N, C] → cross-entropy).</summary>
    /// <exception cref="ArgumentException">A single-logit model is given labels outside {0, 1}, or the shapes do not fit.</exception>
    public static Variable Loss(Variable output, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(output);
        return IsSingleLogit(output.Shape) ? Losses.LogisticLoss(output, labels) : Losses.CrossEntropy(output, labels);
    }

    /// <summary>The number of examples of the batch whose predicted class equals the label.</summary>
    public static long CountCorrect(Tensor output, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(labels);
        return (long)Tensor.Equal(Predict(output), labels.To(output.Device)).To(DType.Float64).Sum().Item();
    }

    /// <summary>The predicted class of each example as int32 [N]: logit &gt; 0 for a single logit, else the arg-max.</summary>
    public static Tensor Predict(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!IsSingleLogit(output.Shape))
        {
            return output.ArgMax(1);
        }
        var z = output.Rank == 2 ? output.Squeeze(1) : output;
        return Tensor.Greater(z, Tensor.Scalar(0, z.DType, z.Device)).To(DType.Int32);
    }

    private static bool IsSingleLogit(Shape shape) => shape.Rank == 1 || (shape.Rank == 2 && shape[1] == 1);
}
