namespace Scratch.Nn.Training;

/// <summary>A training run of <see cref="TrainingRun"/>: which zoo model, trained how, from which seed, on which device.</summary>
public sealed record TrainConfig
{
    /// <summary>The model-zoo name ("fc100-100-10", "conv", "logreg", …).</summary>
    public required string Model { get; init; }

    /// <summary>How to train it; <see cref="ModelZoo.Recipe"/> gives the paper's, and a caller overrides fields with <c>with</c>.</summary>
    public required TrainingRecipe Recipe { get; init; }

    /// <summary>Seeds the initial weights, the pretraining and the order of the examples.</summary>
    public ulong Seed { get; init; }

    /// <summary>The device to train on.</summary>
    public Device Device { get; init; } = Device.Cpu;

    /// <summary>When the run counts as diverged.</summary>
    public DivergenceRule Divergence { get; init; } = DivergenceRule.Default;

    /// <summary>Checks the recipe and the divergence rule; the message names the bad option and its value.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Recipe);
        ArgumentNullException.ThrowIfNull(Divergence);
        Recipe.Validate();
        Divergence.Validate();
    }
}
