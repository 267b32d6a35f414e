using Scratch.Cli.Commands;
using Scratch.Nn;
using Scratch.Nn.Training;

namespace Scratch.Cli.Parsing;

/// <summary>
/// Checks of the options that name a zoo model or choose the classes a checkpoint is evaluated on.
/// A checkpoint is evaluated on the classes it was trained on (its metadata "classes", else its
/// recipe's): other classes would be relabelled 0, 1, ... and compared with outputs that do not mean
/// them. A one-logit model needs exactly two classes (its recipe's rule, <see cref="TrainingRecipe.Validate"/>).
/// </summary>
internal static class ZooOptions
{
    /// <summary>The recipe of zoo model <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message starts with "--model:".</exception>
    public static TrainingRecipe Recipe(string name)
    {
        try
        {
            return ModelZoo.Recipe(name);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--model: {CliErrors.Describe(e)}", e);
        }
    }

    /// <summary>The classes to evaluate the checkpoint <paramref name="path"/> on, given the <c>--classes</c> option (empty when absent); null means all.</summary>
    /// <exception cref="InvalidDataException">The checkpoint's "classes" metadata is not a valid class list, or does not fit its model.</exception>
    /// <exception cref="ArgumentException">The classes differ from those the model was trained on.</exception>
    public static IReadOnlyList<int>? EvaluationClasses(string path, LoadedModel loaded, int[] given)
    {
        var recipe = Recipe(loaded.Name);
        var trained = Trained(path, loaded.Metadata) ?? recipe.Classes;
        if (given.Length > 0 && !(trained ?? Enumerable.Range(0, ClassList.DataClasses).ToArray()).SequenceEqual(given))
        {
            throw new ArgumentException(
                $"--classes: the model in '{path}' was trained on classes {ClassList.Format(trained)}; evaluating it on {ClassList.Format(given)} would compare its outputs with labels they do not mean");
        }
        try
        {
            (recipe with { Classes = trained }).Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"safetensors file '{path}': model '{loaded.Name}' trained on classes {ClassList.Format(trained)}: {CliErrors.Describe(e)}", e);
        }
        return trained;
    }

    private static int[]? Trained(string path, IReadOnlyDictionary<string, string> metadata)
    {
        int[]? classes;
        try
        {
            classes = CheckpointMetadata.ClassesOf(metadata);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"safetensors file '{path}': {e.Message}", e);
        }
        if (classes is not null && !ClassList.Check(classes, out var problem))
        {
            throw new InvalidDataException($"safetensors file '{path}': the metadata \"classes\" = {ClassList.Format(classes)} {problem}");
        }
        return classes;
    }
}
