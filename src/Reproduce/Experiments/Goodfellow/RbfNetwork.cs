using System.Text;
using System.Text.Json.Nodes;

namespace Scratch.Reproduce;

/// <summary>
/// Goodfellow et al. 2015, §7: a shallow RBF network, whose units p(y = k | x) = exp((x − μ_k)ᵀβ_k(x − μ_k)) are
/// confident only near their centres, resists FGSM by being unconfident: its error under FGSM is high, but its
/// confidence on those mistakes is tiny. The confidences are the units' own probabilities, not renormalised.
/// </summary>
internal sealed class RbfNetwork : IExperiment
{
    private const string Zoo = "rbf";
    private const double PaperCleanConfidence = 0.606;
    private const double PaperFgsmError = 0.554;
    private const double PaperConfidenceOnMistakes = 0.012;

    public string Name => "goodfellow-rbf";

    public string Paper => "goodfellow";

    public string Title => "§7: the shallow RBF network under FGSM (ε = 0.25)";

    public ExperimentResult Run(ReproduceContext context)
    {
        var classifier = StandardModels.Classifier(context, Zoo);
        var sample = GoodfellowRuns.FgsmSample(context);
        var clean = GoodfellowRuns.Error(context, classifier, context.Test);
        var attack = GoodfellowRuns.Fgsm(context, classifier, sample);
        var metrics = attack.Metrics();
        var cleanConfidence = attack.Examples.Average(e => e.CleanConfidence);
        var table = new MarkdownTable("measure", "ours", "paper", "diff");
        table.AddRow("clean test error", Cells.Percent(clean), "—", "—");
        table.AddRow("mean confidence on clean examples", Cells.Percent(cleanConfidence), Cells.Percent(PaperCleanConfidence), Cells.PointsDifference(cleanConfidence, PaperCleanConfidence));
        table.AddRow("FGSM error (ε = 0.25)", Cells.Percent(metrics.ErrorRate), Cells.Percent(PaperFgsmError), Cells.PointsDifference(metrics.ErrorRate, PaperFgsmError));
        table.AddRow("mean confidence on FGSM mistakes", Cells.Percent(metrics.MeanConfidenceOnMistakes), Cells.Percent(PaperConfidenceOnMistakes), Cells.PointsDifference(metrics.MeanConfidenceOnMistakes, PaperConfidenceOnMistakes));
        var numbers = new JsonObject
        {
            ["clean_test_error"] = clean,
            ["mean_clean_confidence"] = cleanConfidence,
            ["fgsm_error"] = metrics.ErrorRate,
            ["mean_confidence_on_mistakes"] = Json.Number(metrics.MeanConfidenceOnMistakes),
            ["recipe"] = GoodfellowRuns.Recipe(context, Zoo),
        };

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"The zoo's RBF net: one layer of 10 RBF units on the 784 pixels with diagonal β (unit k scores s_k = −Σᵢ β_ki (xᵢ − μ_ki)², p_k = exp(s_k)), trained by maximising the units' own likelihood, −log p_y − Σ_(k≠y) log(1 − p_k) per example, each unit a Bernoulli variable ({GoodfellowRuns.Recipe(context, Zoo)}) on {GoodfellowRuns.TrainingImages(context)}. The prediction is the unit with the largest p_k, and a confidence is that unit's own p_k, not renormalised over the classes (so it can be 1.2%). FGSM differentiates that same loss, with ε = {GoodfellowRuns.Epsilon} on the seeded sample of {sample.Count:N0} test images (clean confidence on the same sample); the clean error is on all 10,000 test images."));
        md.AppendLine().AppendLine(table.ToMarkdown()).AppendLine();
        md.AppendLine("Open in the paper: the form of β (full, diagonal or scalar; we learn a diagonal), the training objective and optimiser of the RBF net, and the loss FGSM differentiates for it. The paper gives no clean error for it. We train on the units' likelihood because the paper reads each unit as a probability; softmax cross-entropy, which depends only on the differences of the scores, leaves the level of p_k free, and with it the clean confidence fell to 0.4% on the quick preset and to 0.0% on the full one, with 100% FGSM error (2026-12-05), where the paper reports 60.6% and 55.4%.");
        if (GoodfellowRuns.PresetNote(context) is { Length: > 0 } note)
        {
            md.AppendLine().AppendLine(note);
        }
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [], 0, context.Preset.Name);
    }
}
