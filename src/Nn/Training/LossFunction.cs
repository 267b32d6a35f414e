namespace Scratch.Nn.Training;

/// <summary>
/// The loss a training step minimises on one batch (candle-nn's shape: the caller builds the loss, the
/// step hands its gradients to the optimizer). It runs the model's forward pass itself, so it may run
/// it more than once or on inputs it builds (Goodfellow et al.'s adversarial objective, eq. 8, is one
/// such function). The images and labels arrive on the model's device; the returned loss is the data
/// term only: the trainer adds <see cref="Module.Penalty"/>.
/// </summary>
/// <param name="model">The model being trained, in the mode the trainer set (training mode during an epoch).</param>
/// <param name="images">The batch's inputs, e.g. [N, 1, 28, 28].</param>
/// <param name="labels">The batch's labels, int32 [N].</param>
public delegate BatchLoss LossFunction(Module model, Tensor images, Tensor labels);
