using System.Globalization;

namespace Scratch.Nn.Training;

/// <summary>Everything that defines a training run of <see cref="TrainingRun"/>; the defaults suit an MLP on MNIST.</summary>
public sealed record TrainConfig
{
    /// <summary>The model-zoo name ("fc100-100-10", "conv", "logreg").</summary>
    public required string Model { get; init; }

    /// <summary>"mnist" or "fashion-mnist".</summary>
    public string Data { get; init; } = "mnist";

    /// <summary>Keep only these classes, relabelled 0, 1, … in this order (e.g. [3, 7]); null keeps all.</summary>
    public IReadOnlyList<int>? Classes { get; init; }

    /// <summary>Number of epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per mini-batch.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>The base learning rate.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>"sgd" or "adam".</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>SGD momentum (ignored by Adam).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay folded into the gradient by the optimizer (0 = none; layer penalties are the model's).</summary>
    public double WeightDecay { get; init; }

    /// <summary>"constant", "step" (×0.1 every third of the epochs) or "cosine" (to 0 over the epochs).</summary>
    public string Schedule { get; init; } = "constant";

    /// <summary>Max-norm of each unit's incoming weights after every step (maxout: 1.9365), or null for none.</summary>
    public double? MaxNorm { get; init; }

    /// <summary>Seeds the initial weights and the order of the examples.</summary>
    public ulong Seed { get; init; }

    /// <summary>Train on the first N examples of the training set only; null for all.</summary>
    public int? TrainSize { get; init; }

    /// <summary>Evaluate on the first N examples of the test set only; null for all.</summary>
    public int? TestSize { get; init; }

    /// <summary>The device to train on.</summary>
    public Device Device { get; init; } = Device.Cpu;

    /// <summary>The data cache folder, or null for the default (see <see cref="Data.Sets.DataCache"/>).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Checks every option; the message names the bad one and its value.</summary>
    /// <exception cref="ArgumentException">An option is out of range or unknown.</exception>
    public void Validate()
    {
        Require(Epochs >= 1, $"epochs = {Epochs}; expected >= 1");
        Require(BatchSize >= 1, $"batch size = {BatchSize}; expected >= 1");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"learning rate = {Format(LearningRate)}; expected a finite number > 0");
        Require(Optimizer is "sgd" or "adam", $"optimizer '{Optimizer}' is unknown; expected sgd or adam");
        Require(Schedule is "constant" or "step" or "cosine", $"schedule '{Schedule}' is unknown; expected constant, step or cosine");
        Require(Data is "mnist" or "fashion-mnist", $"data '{Data}' is unknown; expected mnist or fashion-mnist");
        Require(TrainSize is null or >= 1, $"train size = {TrainSize}; expected >= 1");
        Require(TestSize is null or >= 1, $"test size = {TestSize}; expected >= 1");
        Require(MaxNorm is null || (double.IsFinite(MaxNorm.Value) && MaxNorm > 0), $"max norm = {MaxNorm}; expected a finite number > 0");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
