using System.Globalization;
using Scratch.Attacks;
using Scratch.Data.Sets;
using Scratch.Nn;
using Scratch.Nn.Training;

namespace Scratch.Reproduce;

/// <summary>
/// What the Goodfellow et al. 2015 experiments share: the paper's budget ε = 0.25, the FGSM test sample, FGSM over a
/// sample in batches, error rates, the eq. 8 training loss, and the sentences that state the training settings.
/// </summary>
internal static class GoodfellowRuns
{
    /// <summary>The paper's ε for MNIST (§4–§8).</summary>
    public const double Epsilon = 0.25;

    /// <summary>The seed of the FGSM test sample, shared by every experiment so their numbers are on the same images.</summary>
    public const ulong SampleSeed = 17;

    private const int AttackBatch = 1000;

    /// <summary>The preset's FGSM sample: a seeded random sample of <see cref="Preset.FgsmSample"/> test images (all 10,000 when null).</summary>
    public static ImageDataset FgsmSample(ReproduceContext context) =>
        context.Shared("fgsm-sample", () => ReproduceContext.Sample(context.Test, context.Preset.FgsmSample ?? context.Test.Count, SampleSeed));

    /// <summary>Untargeted FGSM on every image of <paramref name="set"/> at every ε, in batches; one result per ε.</summary>
    public static IReadOnlyList<AttackResult> Fgsm(ReproduceContext context, Classifier classifier, ImageDataset set, IReadOnlyList<double> epsilons) =>
        AttackRunner.InBatches(set.Images().To(context.Device), set.LabelTensor().To(context.Device), AttackBatch,
            (x, y, _) => Attacks.Fgsm.Run(classifier, x, y, epsilons));

    /// <summary>Untargeted FGSM on every image of <paramref name="set"/> at ε = <paramref name="epsilon"/>.</summary>
    public static AttackResult Fgsm(ReproduceContext context, Classifier classifier, ImageDataset set, double epsilon = Epsilon) =>
        Fgsm(context, classifier, set, [epsilon])[0];

    /// <summary>
    /// The metrics of untargeted FGSM on every image of <paramref name="set"/> at every ε, one per ε. The run is its own
    /// <see cref="DeviceScope"/>: the joined x′ (31 MB for 10,000 MNIST images) returns to the pool instead of being
    /// fresh memory at every call.
    /// </summary>
    public static AttackMetrics[] FgsmMetrics(ReproduceContext context, Classifier classifier, ImageDataset set, IReadOnlyList<double> epsilons)
    {
        using var scope = DeviceScope.Begin();
        return Fgsm(context, classifier, set, epsilons).Select(r => r.Metrics()).ToArray();
    }

    /// <summary>The metrics of untargeted FGSM on every image of <paramref name="set"/> at ε = <paramref name="epsilon"/> (see the list form).</summary>
    public static AttackMetrics FgsmMetrics(ReproduceContext context, Classifier classifier, ImageDataset set, double epsilon = Epsilon) =>
        FgsmMetrics(context, classifier, set, [epsilon])[0];

    /// <summary>The share of <paramref name="set"/> that <paramref name="classifier"/> misclassifies.</summary>
    public static double Error(ReproduceContext context, Classifier classifier, ImageDataset set) =>
        Transfer.ErrorRate(classifier, set.Images().To(context.Device), set.LabelTensor().To(context.Device));

    /// <summary>
    /// Eq. 8 as a training loss: α·J(θ, x, y) + (1 − α)·J(θ, x′, y) with x′ = x + ε·sign(∇ₓJ) made every step through the
    /// classifier view of the live module (dropout off while x′ is made, on for both terms).
    /// </summary>
    public static Func<Module, LossFunction> AdversarialLoss(string zoo, double epsilon = Epsilon, double alpha = 0.5) => model =>
    {
        var view = Classifier.ForZooModel(zoo, model);
        return (m, x, y) => AdversarialTraining.GoodfellowLoss(m, view, x, y, epsilon, alpha);
    };

    /// <summary>The recipe <paramref name="zoo"/> is trained with under the preset, as one phrase.</summary>
    public static string Recipe(ReproduceContext context, string zoo)
    {
        var recipe = ModelZoo.Recipe(zoo);
        return (recipe with { Epochs = context.Preset.Epochs(recipe.Epochs) }).Describe();
    }

    /// <summary>"N training images" with N the preset's count.</summary>
    public static string TrainingImages(ReproduceContext context) =>
        string.Create(CultureInfo.InvariantCulture, $"{context.Train.Count:N0} training images");

    /// <summary>For presets other than full: a sentence saying the models are trained briefly on a subset; empty for full.</summary>
    public static string PresetNote(ReproduceContext context) => context.Preset.Name == "full"
        ? ""
        : string.Create(CultureInfo.InvariantCulture,
            $"Preset {context.Preset.Name} trains every model briefly ({(context.Preset.MaxEpochs is { } e ? $"at most {e} epoch{(e == 1 ? "" : "s")}" : "the recipes' epochs")}) on the first {context.Train.Count:N0} of the 60,000 training images, so clean errors sit above the paper's and the models are less confident; the full preset trains by the recipes on all 60,000.");

    /// <summary>"7 → 3 (97.2%)": the true label, the prediction and its probability.</summary>
    public static string Caption(AdversarialExample e) => $"{e.Label} → {e.Prediction} ({Cells.Percent(e.Confidence)})";
}
