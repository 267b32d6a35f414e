using System.Diagnostics;
using Scratch.Data.Sets;
using Scratch.Nn;
using Scratch.Nn.Training;

namespace Scratch.Reproduce;

/// <summary>Trains a zoo model by its recipe (the paper's, from <see cref="ModelZoo.Recipe"/>), with the preset's epoch cap and an optional loss in place of the recipe's.</summary>
public static class RecipeTraining
{
    /// <summary>Builds <paramref name="zooName"/> from <paramref name="seed"/> and trains it on <paramref name="data"/>.</summary>
    /// <param name="context">The run (device, preset, log).</param>
    /// <param name="zooName">The model.</param>
    /// <param name="data">The training images (the recipe's classes are selected here).</param>
    /// <param name="seed">Seeds the weights and the example order.</param>
    /// <param name="recipe">The recipe, or null for the zoo's.</param>
    /// <param name="loss">A loss in place of the recipe's objective (adversarial training), given the model's classifier view; or null.</param>
    /// <param name="afterEpoch">Called after each epoch with the epoch index and the model; returns false to stop early.</param>
    public static Module Train(ReproduceContext context, string zooName, ImageDataset data, ulong seed, TrainingRecipe? recipe = null,
        Func<Module, LossFunction>? loss = null, Func<int, Module, bool>? afterEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        recipe ??= ModelZoo.Recipe(zooName);
        recipe.Validate();
        var generator = new Generator(seed);
        var model = ModelZoo.Create(zooName, generator).To(context.Device);
        var source = Batches(recipe.Classes is { } classes ? data.WithClasses([.. classes]) : data);
        var clock = Stopwatch.StartNew();
        if (recipe.Pretraining is { } pretraining)
        {
            AutoencoderPretrainer.Pretrain(model, source, pretraining with { Epochs = context.Preset.Epochs(pretraining.Epochs) }, new Generator(generator.NextUInt64()));
        }
        var epochs = context.Preset.Epochs(recipe.Epochs);
        var trainer = new Trainer(model, recipe.CreateOptimizer(model.Parameters()), loss?.Invoke(model) ?? recipe.Objective.LossFunction,
            generator.NextUInt64(), (recipe with { Epochs = epochs }).CreateSchedule(), recipe.CreateConstraint(), recipe.EffectiveMomentumRamp) { ReuseParameterMemory = true };
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var metrics = trainer.TrainEpoch(source, recipe.BatchSize);
            context.Log(FormattableString.Invariant($"  {zooName} epoch {epoch + 1}/{epochs}: loss {metrics.Loss:F4}, {clock.Elapsed.TotalSeconds:F1} s"));
            if (afterEpoch is not null && !afterEpoch(epoch, model))
            {
                break;
            }
        }
        model.Eval();
        return model;
    }

    /// <summary><paramref name="set"/> in the trainer's batch-source form, read in place (the trainer moves each batch to the model's device).</summary>
    public static IBatchSource Batches(ImageDataset set) => new ImageBatchSource(set);
}
