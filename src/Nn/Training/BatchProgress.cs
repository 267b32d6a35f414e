namespace Scratch.Nn.Training;

/// <summary>Where a training epoch is, reported after each mini-batch (for progress bars).</summary>
/// <param name="Epoch">The epoch, counted from 0.</param>
/// <param name="Batch">Batches done in this epoch (1 after the first).</param>
/// <param name="Batches">Batches in the epoch, or 0 when the trainer was given batches whose number it cannot know in advance.</param>
/// <param name="Loss">Mean data loss over the epoch so far.</param>
/// <param name="Accuracy">Training accuracy over the epoch so far; NaN when the loss function gives no predictions.</param>
/// <param name="ExamplesPerSecond">Throughput over the epoch so far.</param>
public sealed record BatchProgress(int Epoch, int Batch, int Batches, double Loss, double Accuracy, double ExamplesPerSecond)
{
    /// <summary>The phase of the run the batch belongs to.</summary>
    public TrainingPhase Phase { get; init; } = TrainingPhase.Training;
}
