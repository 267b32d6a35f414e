using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;

namespace Scratch.Reproduce;

/// <summary>
/// Goodfellow et al. 2015, §4: the fast gradient sign method, x′ = x + ε·sign(∇ₓJ(θ, x, y)) (eq. 6) with ε = 0.25, on
/// the shallow softmax classifier and on the maxout network: error rate and mean confidence on the attacked test
/// images, and a grid of clean images, their perturbations and the adversarial images.
/// </summary>
internal sealed class FastGradientSign : IExperiment
{
    private const int Shown = 8;

    private static readonly (string Zoo, string Paper, double Error, double Confidence)[] Models =
    [
        ("fc10", "shallow softmax (fc10)", 0.999, 0.793),
        ("maxout", "maxout 2 × 240", 0.894, 0.976),
    ];

    public string Name => "goodfellow-fgsm";

    public string Paper => "goodfellow";

    public string Title => "§4: the fast gradient sign method at ε = 0.25 (softmax regression and maxout)";

    public ExperimentResult Run(ReproduceContext context)
    {
        var sample = GoodfellowRuns.FgsmSample(context);
        var numbers = new JsonObject { ["epsilon"] = GoodfellowRuns.Epsilon, ["sample"] = sample.Count };
        var table = new MarkdownTable("model", "clean test error", "FGSM error", "paper", "diff", "mean confidence", "paper", "diff", "confidence on mistakes");
        var grid = new ImageGrid(Shown, 1 + 2 * Models.Length) { Upscale = 3 };
        grid.SetColumnTitle(0, "clean");
        for (var i = 0; i < Shown; i++)
        {
            grid.Set(i, 0, sample.Images([i]).Reshape(28, 28), $"label {sample.Labels[i]}");
        }
        for (var m = 0; m < Models.Length; m++)
        {
            var (zoo, paper, paperError, paperConfidence) = Models[m];
            var classifier = StandardModels.Classifier(context, zoo);
            var clean = GoodfellowRuns.Error(context, classifier, context.Test);
            context.Log($"{zoo}: FGSM at ε = {GoodfellowRuns.Epsilon} on {sample.Count} test images");
            var attack = GoodfellowRuns.Fgsm(context, classifier, sample);
            var metrics = attack.Metrics();
            table.AddRow(paper, Cells.Percent(clean), Cells.Percent(metrics.ErrorRate), Cells.Percent(paperError), Cells.PointsDifference(metrics.ErrorRate, paperError),
                Cells.Percent(metrics.MeanConfidence), Cells.Percent(paperConfidence), Cells.PointsDifference(metrics.MeanConfidence, paperConfidence),
                Cells.Percent(metrics.MeanConfidenceOnMistakes));
            numbers[zoo] = new JsonObject
            {
                ["clean_test_error"] = clean,
                ["fgsm_error"] = metrics.ErrorRate,
                ["mean_confidence"] = Json.Number(metrics.MeanConfidence),
                ["mean_confidence_on_mistakes"] = Json.Number(metrics.MeanConfidenceOnMistakes),
                ["recipe"] = GoodfellowRuns.Recipe(context, zoo),
            };
            grid.SetColumnTitle(1 + 2 * m, $"{zoo}: η");
            grid.SetColumnTitle(2 + 2 * m, $"{zoo}: x′");
            for (var i = 0; i < Shown; i++)
            {
                var original = attack.Original.Narrow(0, i, 1).Reshape(28, 28).To(Device.Cpu);
                var adversarial = attack.Adversarial.Narrow(0, i, 1).Reshape(28, 28).To(Device.Cpu);
                grid.Set(i, 1 + 2 * m, adversarial - original, null, ValueScale.Signed(GoodfellowRuns.Epsilon));
                grid.Set(i, 2 + 2 * m, adversarial, GoodfellowRuns.Caption(attack.Examples[i]));
            }
        }
        var (file, path) = context.Figure("fgsm-examples.png");
        grid.Save(path);

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"FGSM (eq. 6) with ε = {GoodfellowRuns.Epsilon} on a seeded random sample of {sample.Count:N0} test images, x′ clipped to [0, 1] (the paper does not say whether it clips). The error counts every example misclassified after the attack, clean mistakes included; the mean confidence is the probability of the predicted class on x′ over all examples (the paper's \"average confidence\"). Clean errors are on all 10,000 test images. Models: softmax regression 784→10 without weight decay ({GoodfellowRuns.Recipe(context, "fc10")}) and the maxout net of §6, 2 × 240 units × 5 pieces with dropout ({GoodfellowRuns.Recipe(context, "maxout")}), each on {GoodfellowRuns.TrainingImages(context)}."));
        md.AppendLine().AppendLine(table.ToMarkdown()).AppendLine();
        md.AppendLine("Not reproduced: the convolutional maxout net on CIFAR-10 (ε = 0.1: 87.15% error, 96.6% mean probability on the wrong labels). Open in the paper: the softmax classifier's training (we use SGD with momentum, no weight decay), the maxout net's stopping point (we follow its recipe), whether x′ is clipped.");
        if (GoodfellowRuns.PresetNote(context) is { Length: > 0 } note)
        {
            md.AppendLine().AppendLine(note);
        }
        md.AppendLine().AppendLine(FormattableString.Invariant($"The first {Shown} examples of the sample: clean, the perturbation η = x′ − x (grey 0, white +ε, black −ε) and x′ for each model, captioned label → prediction (confidence)."));
        md.AppendLine().AppendLine($"![FGSM examples]({file})");
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [file], 0, context.Preset.Name);
    }
}
