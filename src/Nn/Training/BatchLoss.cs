using Scratch.Autograd;

namespace Scratch.Nn.Training;

/// <summary>
/// What a <see cref="LossFunction"/> returns for one batch: the scalar data loss to minimise and,
/// optionally, the predicted class of each example (int32 [N]) from which the trainer counts its
/// running training accuracy. A plain <see cref="Variable"/> converts to a loss without predictions,
/// so a loss function may simply return the scalar.
/// </summary>
/// <param name="Loss">The mean data loss of the batch, a scalar (the trainer adds the model's weight penalty).</param>
/// <param name="Predictions">The predicted class of each example, int32 [N], or null when the loss does not classify.</param>
public readonly record struct BatchLoss(Variable Loss, Tensor? Predictions = null)
{
    /// <summary>A loss without predictions.</summary>
    public static implicit operator BatchLoss(Variable loss) => new(loss);
}
