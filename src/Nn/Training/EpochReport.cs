namespace Scratch.Nn.Training;

/// <summary>One finished epoch of a <see cref="TrainingRun"/>.</summary>
/// <param name="Phase">Pretraining or training.</param>
/// <param name="Epoch">The epoch within its phase, counted from 0.</param>
/// <param name="Epochs">The number of epochs of the phase.</param>
/// <param name="Metrics">Its loss, accuracy (NaN in pretraining) and throughput.</param>
public sealed record EpochReport(TrainingPhase Phase, int Epoch, int Epochs, Metrics Metrics);
