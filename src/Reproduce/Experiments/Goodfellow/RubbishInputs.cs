using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;

namespace Scratch.Reproduce;

/// <summary>
/// Goodfellow et al. 2015, §8, the rubbish class: inputs drawn from N(0, I), which look like nothing, are counted as
/// errors when a model gives some class p &gt; 0.5. Linear models are confidently wrong on them; RBF units are not.
/// </summary>
internal sealed class RubbishInputs : IExperiment
{
    private const int PaperCount = 10_000;
    private const ulong Seed = 81;

    // The paper's error is quoted as printed (98.35% has two decimals).
    private static readonly (string Zoo, string Paper, double Error, string ErrorText, double Confidence)[] Models =
    [
        ("maxout", "maxout 2 × 240", 0.9835, "98.35%", 0.928),
        ("fc10", "softmax regression (fc10)", 0.598, "59.8%", 0.708),
        ("rbf", "RBF net", 0.0, "0%", double.NaN),
    ];

    public string Name => "goodfellow-rubbish";

    public string Paper => "goodfellow";

    public string Title => "§8: the rubbish class (Gaussian noise classified with p > 0.5)";

    public ExperimentResult Run(ReproduceContext context)
    {
        var count = Math.Min(PaperCount, context.Preset.FgsmSample ?? PaperCount);
        var table = new MarkdownTable("model", "error (some p > 0.5)", "paper", "diff", "mean confidence on those", "paper", "mean top probability");
        var numbers = new JsonObject { ["inputs"] = count };
        foreach (var (zoo, paper, paperError, paperErrorText, paperConfidence) in Models)
        {
            var result = Probes.RubbishClass(StandardModels.Classifier(context, zoo), new Shape(1, 28, 28), count, Seed, device: context.Device);
            table.AddRow(paper, Cells.Percent(result.ErrorRate), paperErrorText, Cells.PointsDifference(result.ErrorRate, paperError),
                Cells.Percent(result.MeanConfidenceOnErrors), Cells.Percent(paperConfidence), Cells.Percent(result.MeanTopProbability));
            numbers[zoo] = new JsonObject
            {
                ["error"] = result.ErrorRate,
                ["mean_confidence_on_errors"] = Json.Number(result.MeanConfidenceOnErrors),
                ["mean_top_probability"] = result.MeanTopProbability,
            };
        }

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"{count:N0} inputs x ~ N(0, I) of 28 × 28 (seed {Seed}; the preset's FGSM sample size, at most the paper's 10,000), not clipped to the pixel box, fed to the plain models of the other sections (trained on {GoodfellowRuns.TrainingImages(context)}). An input is an error when some class gets p > 0.5: the softmax probability for maxout and softmax regression, the unit's own exp(s_k) for the RBF net. The confidence is the top probability averaged over those errors."));
        md.AppendLine().AppendLine(table.ToMarkdown()).AppendLine();
        md.AppendLine("Open in the paper: whether the inputs were clipped (N(0, I) lies mostly outside [0, 1]; we do not clip, which is what makes them rubbish) and the models' training; it reports no confidence for the RBF net, which made no errors.");
        if (GoodfellowRuns.PresetNote(context) is { Length: > 0 } note)
        {
            md.AppendLine().AppendLine(note);
        }
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [], 0, context.Preset.Name);
    }
}
