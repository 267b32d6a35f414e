namespace Scratch.Nn.Training;

/// <summary>The loss and accuracy of a model over a pass through a dataset (one training epoch or an evaluation).</summary>
/// <param name="Loss">Mean data loss per example (without the weight penalty).</param>
/// <param name="Accuracy">Fraction of examples classified correctly; NaN when the loss function gives no predictions (pretraining).</param>
/// <param name="Examples">Number of examples seen.</param>
/// <param name="Seconds">Wall-clock time of the pass.</param>
public sealed record Metrics(double Loss, double Accuracy, int Examples, double Seconds)
{
    /// <summary>The error rate, 1 − accuracy.</summary>
    public double Error => 1 - Accuracy;

    /// <summary>Throughput of the pass.</summary>
    public double ExamplesPerSecond => Seconds > 0 ? Examples / Seconds : 0;
}
