using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;
using Scratch.Nn;

namespace Scratch.Reproduce;

/// <summary>
/// Goodfellow et al. 2015, §5 and Fig. 2: logistic regression on MNIST 3 vs 7 (one logit, labels 3 ↦ 0 and 7 ↦ 1). For a
/// linear model FGSM's perturbation is ε·sign(w) for every image of a class (up to clipping), so the weights, their
/// sign and a few adversarial images make the figure; the numbers are the clean test error and the FGSM error.
/// </summary>
internal sealed class LogisticRegressionThreesAndSevens : IExperiment
{
    private const string Zoo = "logreg";
    private const double PaperCleanError = 0.016;
    private const double PaperFgsmError = 0.99;

    public string Name => "goodfellow-logreg";

    public string Paper => "goodfellow";

    public string Title => "§5, Fig. 2: logistic regression on 3 vs 7 and FGSM at ε = 0.25";

    public ExperimentResult Run(ReproduceContext context)
    {
        var test = context.Test.WithClasses(3, 7);
        var model = StandardModels.Get(context, Zoo);
        var classifier = Classifier.ForZooModel(Zoo, model);
        var clean = GoodfellowRuns.Error(context, classifier, test);
        var train = GoodfellowRuns.Error(context, classifier, context.Train.WithClasses(3, 7));
        var attack = GoodfellowRuns.Fgsm(context, classifier, test);
        var metrics = attack.Metrics();
        var table = new MarkdownTable("measure", "ours", "paper", "diff");
        table.AddRow("clean test error", Cells.Percent(clean), Cells.Percent(PaperCleanError), Cells.PointsDifference(clean, PaperCleanError));
        table.AddRow("FGSM error (ε = 0.25)", Cells.Percent(metrics.ErrorRate), Cells.Percent(PaperFgsmError), Cells.PointsDifference(metrics.ErrorRate, PaperFgsmError));
        table.AddRow("mean confidence on x′", Cells.Percent(metrics.MeanConfidence), "—", "—");
        table.AddRow("training error", Cells.Percent(train), "—", "—");
        var numbers = new JsonObject
        {
            ["test_images"] = test.Count,
            ["clean_test_error"] = clean,
            ["training_error"] = train,
            ["fgsm_error"] = metrics.ErrorRate,
            ["mean_confidence"] = Json.Number(metrics.MeanConfidence),
            ["recipe"] = GoodfellowRuns.Recipe(context, Zoo),
        };
        var file = SaveFigure(context, model, attack);

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"Logistic regression 784→1 (zoo \"logreg\", {GoodfellowRuns.Recipe(context, Zoo)}, logistic loss ζ(−y·z)) trained on the 3s and 7s among the {GoodfellowRuns.TrainingImages(context)}; tested on all {test.Count:N0} 3s and 7s of the MNIST test set, relabelled 3 ↦ 0 and 7 ↦ 1. FGSM with ε = {GoodfellowRuns.Epsilon} on every one of them, x′ clipped to [0, 1]."));
        md.AppendLine().AppendLine(table.ToMarkdown()).AppendLine();
        md.AppendLine("Open in the paper: the optimiser, epochs and any weight decay of the logistic regression (we use the zoo's SGD recipe, no decay).");
        if (GoodfellowRuns.PresetNote(context) is { Length: > 0 } note)
        {
            md.AppendLine().AppendLine(note);
        }
        md.AppendLine().AppendLine("Fig. 2: the weights w (blue negative, red positive), sign(w), and the first test 3 and 7 of the test set before and after FGSM, captioned label → prediction (confidence) with 0 for \"3\" and 1 for \"7\".");
        md.AppendLine().AppendLine($"![logistic regression weights and FGSM]({file})");
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [file], 0, context.Preset.Name);
    }

    private static string SaveFigure(ReproduceContext context, Module model, AttackResult attack)
    {
        var w = ((Linear)((Sequential)model)[1]).Weight.Value.To(Device.Cpu).Reshape(28, 28);
        var largest = w.Abs().Max().Item();
        var grid = new ImageGrid(1, 6) { Upscale = 3 };
        grid.Set(0, 0, w, "w", ValueScale.Diverging(largest > 0 ? largest : 1));
        grid.Set(0, 1, w.Sign(), "sign(w)", ValueScale.Diverging(1));
        for (var label = 0; label < 2; label++)
        {
            var i = attack.Examples.Select((e, k) => (e, k)).First(p => p.e.Label == label).k;
            grid.Set(0, 2 + 2 * label, attack.Original.Narrow(0, i, 1).Reshape(28, 28).To(Device.Cpu), $"{attack.Examples[i].Label} → {attack.Examples[i].CleanPrediction} ({Cells.Percent(attack.Examples[i].CleanConfidence)})");
            grid.Set(0, 3 + 2 * label, attack.Adversarial.Narrow(0, i, 1).Reshape(28, 28).To(Device.Cpu), GoodfellowRuns.Caption(attack.Examples[i]));
        }
        var (file, path) = context.Figure("logreg-weights-fgsm.png");
        grid.Save(path);
        return file;
    }
}
