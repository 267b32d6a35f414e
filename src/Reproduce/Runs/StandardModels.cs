namespace Scratch.Reproduce;

/// <summary>The zoo models trained plainly by their recipes on the preset's training images, shared by every experiment that uses them.</summary>
public static class StandardModels
{
    /// <summary>The zoo model <paramref name="name"/> trained by its recipe (seed 0), from the run's model cache.</summary>
    public static Nn.Module Get(ReproduceContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Models.Get(name, name, () => RecipeTraining.Train(context, name, context.Train, seed: 0));
    }

    /// <summary>The classifier view of <see cref="Get"/>'s model, with the output kind its zoo name implies.</summary>
    public static Attacks.Classifier Classifier(ReproduceContext context, string name) =>
        Attacks.Classifier.ForZooModel(name, Get(context, name));
}
