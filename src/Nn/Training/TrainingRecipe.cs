using System.Globalization;
using Scratch.Optim;

namespace Scratch.Nn.Training;

/// <summary>
/// How a model is trained, as data: the objective, the data task (classes), epochs, batch size,
/// optimizer, learning rate and schedule, momentum (and its ramp), weight decay, max-norm constraint
/// and, for AE400-10, the autoencoder pretraining. <see cref="ModelZoo.Recipe"/> gives each zoo
/// model the recipe the report trains it with; a caller overrides fields with <c>with</c>. The
/// defaults suit an MLP on MNIST. The layers' own weight penalties (Szegedy's λ) belong to the model.
/// </summary>
public sealed record TrainingRecipe
{
    /// <summary>The loss and the reading of the outputs (cross-entropy on logits, or logistic on one logit).</summary>
    public Objective Objective { get; init; } = Objective.CrossEntropy;

    /// <summary>Keep only these classes, relabelled 0, 1, … in this order (logistic regression: [3, 7]); null keeps all.</summary>
    public IReadOnlyList<int>? Classes { get; init; }

    /// <summary>Number of epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per mini-batch.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>The base learning rate.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>SGD momentum (ignored by Adam), used throughout unless <see cref="MomentumRamp"/> is set.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD's momentum ramp (maxout: 0.5 → 0.7), replacing <see cref="Momentum"/>; ignored by Adam; null for a constant momentum.</summary>
    public MomentumRamp? MomentumRamp { get; init; }

    /// <summary>L2 weight decay folded into the gradient by the optimizer (0 = none; layer penalties are the model's).</summary>
    public double WeightDecay { get; init; }

    /// <summary>The learning-rate schedule.</summary>
    public LrScheduleKind Schedule { get; init; } = LrScheduleKind.Constant;

    /// <summary>Max-norm of each unit's incoming weights after every step (maxout: 1.9365), or null for none.</summary>
    public double? MaxNorm { get; init; }

    /// <summary>Autoencoder pretraining of the first layer before training (AE400-10), or null for none.</summary>
    public AutoencoderPretraining? Pretraining { get; init; }

    /// <summary>Checks every field; the message names the bad one and its value.</summary>
    /// <exception cref="ArgumentException">A field is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Objective);
        Require(Epochs >= 1, $"epochs = {Epochs}; expected >= 1");
        Require(BatchSize >= 1, $"batch size = {BatchSize}; expected >= 1");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"learning rate = {Format(LearningRate)}; expected a finite number > 0");
        Require(Momentum is >= 0 and < 1, $"momentum = {Format(Momentum)}; expected a number in [0, 1)");
        Require(double.IsFinite(WeightDecay) && WeightDecay >= 0, $"weight decay = {Format(WeightDecay)}; expected a finite number >= 0");
        Require(MaxNorm is null || (double.IsFinite(MaxNorm.Value) && MaxNorm > 0), $"max norm = {Format(MaxNorm ?? 0)}; expected a finite number > 0");
        Require(Enum.IsDefined(Optimizer), $"optimizer = {Optimizer}; expected sgd or adam");
        Require(Enum.IsDefined(Schedule), $"schedule = {Schedule}; expected constant, step or cosine");
        if (Classes is { } classes)
        {
            Require(classes.Count >= 2 && classes.All(k => k >= 0) && classes.Distinct().Count() == classes.Count,
                $"classes = {string.Join(",", classes)}; expected two or more distinct class numbers");
        }
        if (Objective == Objective.Logistic)
        {
            Require(Classes is { Count: 2 }, $"the logistic objective (one logit) needs exactly two classes; classes = {(Classes is null ? "all" : string.Join(",", Classes))}");
        }
        Pretraining?.Validate();
    }

    /// <summary>The optimizer this recipe names, over <paramref name="parameters"/>.</summary>
    public Optimizer CreateOptimizer(IReadOnlyList<IParameter> parameters) =>
        Optimizer == OptimizerKind.Adam
            ? new Adam(parameters, LearningRate, weightDecay: WeightDecay)
            : new Sgd(parameters, LearningRate, MomentumRamp?.Start ?? Momentum, weightDecay: WeightDecay);

    /// <summary>The learning-rate schedule this recipe names.</summary>
    public LrSchedule CreateSchedule() => Schedule switch
    {
        LrScheduleKind.Step => new StepLr(Math.Max(1, (Epochs + 2) / 3), 0.1),
        LrScheduleKind.Cosine => new CosineLr(Epochs),
        _ => new ConstantLr(),
    };

    /// <summary>SGD's momentum ramp, or null when there is none or the optimizer is Adam.</summary>
    public MomentumRamp? EffectiveMomentumRamp => Optimizer == OptimizerKind.Sgd ? MomentumRamp : null;

    /// <summary>The max-norm constraint, or null.</summary>
    public MaxNormConstraint? CreateConstraint() => MaxNorm is { } c ? new MaxNormConstraint(c) : null;

    /// <summary>A one-line summary: "sgd lr 0.2, momentum 0.9, cosine, 40 epochs of batch 128, cross-entropy".</summary>
    public string Describe()
    {
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{Optimizer.ToString().ToLowerInvariant()} lr {LearningRate:G}") };
        if (EffectiveMomentumRamp is { } ramp)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"momentum {ramp.Start:G} -> {ramp.End:G} over {ramp.Epochs} epochs"));
        }
        else if (Optimizer == OptimizerKind.Sgd)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"momentum {Momentum:G}"));
        }
        if (WeightDecay != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"weight decay {WeightDecay:G}"));
        }
        parts.Add(Schedule.ToString().ToLowerInvariant());
        parts.Add($"{Epochs} epochs of batch {BatchSize}");
        if (MaxNorm is { } c)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"max norm {c:G}"));
        }
        parts.Add(Objective.Name);
        if (Classes is { } classes)
        {
            parts.Add($"classes {string.Join(",", classes)}");
        }
        if (Pretraining is { } p)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"after {p.Epochs} epochs of autoencoder pretraining of layer '{p.Layer}' ({p.Optimizer.ToString().ToLowerInvariant()} lr {p.LearningRate:G}, batch {p.BatchSize})"));
        }
        return string.Join(", ", parts);
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }

    internal static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
