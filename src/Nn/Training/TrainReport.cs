namespace Scratch.Nn.Training;

/// <summary>The outcome of a <see cref="TrainingRun"/>: the trained model, the metrics of every epoch and the test metrics.</summary>
/// <param name="Config">The configuration that was run.</param>
/// <param name="Model">The trained model.</param>
/// <param name="Pretraining">Reconstruction loss per pretraining epoch (empty when the recipe has none).</param>
/// <param name="Epochs">Training metrics per epoch.</param>
/// <param name="Test">Metrics of the final model on the test set.</param>
/// <param name="TrainSeconds">Wall-clock seconds spent in the pretraining and training epochs.</param>
public sealed record TrainReport(TrainConfig Config, Module Model, IReadOnlyList<Metrics> Pretraining, IReadOnlyList<Metrics> Epochs, Metrics Test, double TrainSeconds)
{
    /// <summary>The last epoch's training metrics.</summary>
    public Metrics LastEpoch => Epochs[^1];

    /// <summary>Training examples per second over all training epochs (pretraining excluded from the count and the time).</summary>
    public double ExamplesPerSecond
    {
        get
        {
            var seconds = Epochs.Sum(e => e.Seconds);
            return seconds > 0 ? Epochs.Sum(e => e.Examples) / seconds : 0;
        }
    }
}
