using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;

namespace Scratch.Reproduce;

/// <summary>
/// Goodfellow et al. 2015, §6: ensembles are not resistant to FGSM. An averaging ensemble of maxout nets trained from
/// different seeds, attacked as a whole, and fed the FGSM examples of one member (91.1% and 87.9% error with 12
/// members in the paper).
/// </summary>
internal sealed class MaxoutEnsemble : IExperiment
{
    private const string Zoo = "maxout";
    private const double PaperEnsembleError = 0.911;
    private const double PaperMemberError = 0.879;

    public string Name => "goodfellow-ensemble";

    public string Paper => "goodfellow";

    public string Title => "§6: FGSM against an ensemble of maxout nets";

    public ExperimentResult Run(ReproduceContext context)
    {
        var count = context.Preset.EnsembleMembers;
        var members = Enumerable.Range(0, count).Select(k => k == 0
            ? StandardModels.Classifier(context, Zoo)
            : Classifier.ForZooModel(Zoo, context.Models.Get($"maxout-seed{k}", Zoo, () => RecipeTraining.Train(context, Zoo, context.Train, seed: (ulong)k))))
            .ToArray();
        var ensemble = Ensemble.Of(members);
        var sample = GoodfellowRuns.FgsmSample(context);
        var labels = sample.LabelTensor().To(context.Device);
        var memberClean = members.Select(m => GoodfellowRuns.Error(context, m, context.Test)).ToArray();
        var ensembleClean = GoodfellowRuns.Error(context, ensemble, context.Test);
        context.Log($"ensemble of {count}: FGSM on {sample.Count} test images");
        var onEnsemble = GoodfellowRuns.FgsmMetrics(context, ensemble, sample);
        var memberAttack = GoodfellowRuns.Fgsm(context, members[0], sample);
        var memberOnEnsemble = Transfer.ErrorRate(ensemble, memberAttack.Adversarial, labels);

        var table = new MarkdownTable("FGSM (ε = 0.25) made on", "error of the ensemble", "paper (12 members)", "diff");
        table.AddRow($"the ensemble of {count}", Cells.Percent(onEnsemble.ErrorRate), Cells.Percent(PaperEnsembleError), Cells.PointsDifference(onEnsemble.ErrorRate, PaperEnsembleError));
        table.AddRow("member 1 alone", Cells.Percent(memberOnEnsemble), Cells.Percent(PaperMemberError), Cells.PointsDifference(memberOnEnsemble, PaperMemberError));
        var numbers = new JsonObject
        {
            ["members"] = count,
            ["member_clean_test_errors"] = new JsonArray(memberClean.Select(e => (JsonNode)e).ToArray()),
            ["ensemble_clean_test_error"] = ensembleClean,
            ["fgsm_on_ensemble_error"] = onEnsemble.ErrorRate,
            ["fgsm_on_ensemble_mean_confidence"] = Json.Number(onEnsemble.MeanConfidence),
            ["fgsm_on_member_error_of_member"] = memberAttack.Metrics().ErrorRate,
            ["fgsm_on_member_error_of_ensemble"] = memberOnEnsemble,
        };

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"{count} maxout nets trained by the same recipe ({GoodfellowRuns.Recipe(context, Zoo)}) on {GoodfellowRuns.TrainingImages(context)} from seeds 0–{count - 1} (member 1 is the plain maxout of the other sections); the ensemble's probability is the members' mean probability, and FGSM differentiates its cross-entropy. Clean test errors on all 10,000 images: members {string.Join(", ", memberClean.Select(Cells.Percent))}, ensemble {Cells.Percent(ensembleClean)}. FGSM with ε = {GoodfellowRuns.Epsilon} on the seeded sample of {sample.Count:N0} test images; member 1's own FGSM error is {Cells.Percent(memberAttack.Metrics().ErrorRate)}."));
        md.AppendLine().AppendLine(table.ToMarkdown()).AppendLine();
        md.AppendLine(FormattableString.Invariant($"The paper's ensemble has 12 members; ours has {count} (the preset's ensemble size). Open in the paper: how the members differ (we vary the seed of the weights, dropout masks and example order) and how their outputs are combined (we average probabilities)."));
        if (GoodfellowRuns.PresetNote(context) is { Length: > 0 } note)
        {
            md.AppendLine().AppendLine(note);
        }
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [], 0, context.Preset.Name);
    }
}
