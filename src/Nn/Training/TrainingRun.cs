using System.Diagnostics;

namespace Scratch.Nn.Training;

/// <summary>
/// A whole training run from a <see cref="TrainConfig"/>: build the model from the zoo, pretrain it
/// when the recipe says so, train it for the recipe's epochs with the recipe's objective, optimizer,
/// schedules and constraint, and evaluate it on the test set. The caller supplies the data as batch
/// sources (already restricted to the recipe's classes); <c>scratch train</c> calls this.
/// </summary>
public static class TrainingRun
{
    /// <summary>Runs <paramref name="config"/>.</summary>
    /// <param name="config">The run.</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set.</param>
    /// <param name="progress">Called after each mini-batch, or null.</param>
    /// <param name="epochDone">Called after each epoch (pretraining and training), or null.</param>
    /// <exception cref="ArgumentException">The configuration is invalid or names an unknown model.</exception>
    /// <exception cref="TrainingDivergedException">The run diverged; nothing is saved.</exception>
    public static TrainReport Run(TrainConfig config, IBatchSource train, IBatchSource test, Action<BatchProgress>? progress = null, Action<EpochReport>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        config.Validate();
        var recipe = config.Recipe;
        var generator = new Generator(config.Seed);
        var model = ModelZoo.Create(config.Model, generator).To(config.Device);
        var clock = Stopwatch.StartNew();
        var pretraining = recipe.Pretraining is { } pretrain
            ? AutoencoderPretrainer.Pretrain(model, train, pretrain, generator, progress, epochDone).Epochs
            : [];
        var optimizer = recipe.CreateOptimizer(model.Parameters());
        var trainer = new Trainer(model, optimizer, recipe.Objective.LossFunction, config.Seed, recipe.CreateSchedule(),
            recipe.CreateConstraint(), recipe.EffectiveMomentumRamp, config.Divergence) { ReuseParameterMemory = true };
        var epochs = new List<Metrics>();
        for (var e = 0; e < recipe.Epochs; e++)
        {
            var metrics = trainer.TrainEpoch(train, recipe.BatchSize, progress);
            epochs.Add(metrics);
            epochDone?.Invoke(new EpochReport(TrainingPhase.Training, e, recipe.Epochs, metrics));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new TrainReport(config, model, pretraining, epochs, Trainer.Evaluate(model, test, recipe.Objective), seconds);
    }
}
