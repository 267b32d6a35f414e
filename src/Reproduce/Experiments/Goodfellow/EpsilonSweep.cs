using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;

namespace Scratch.Reproduce;

/// <summary>
/// FGSM error and mean confidence against ε for softmax regression, the maxout net and the RBF net: the curves behind
/// the paper's single points at ε = 0.25 (§4, §7). One gradient per model serves every ε.
/// </summary>
internal sealed class EpsilonSweep : IExperiment
{
    // The curves need fewer images than the single points: at 2,000 a rate's standard error is at most 1.1 pp.
    private const int MaxSample = 2000;

    private static readonly double[] Epsilons = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

    private static readonly (string Zoo, string Paper, double Error)[] Models =
    [
        ("fc10", "softmax regression", 0.999),
        ("maxout", "maxout", 0.894),
        ("rbf", "RBF net", 0.554),
    ];

    public string Name => "goodfellow-sweep";

    public string Paper => "goodfellow";

    public string Title => "FGSM error and confidence against ε (softmax regression, maxout, RBF)";

    public ExperimentResult Run(ReproduceContext context)
    {
        var fgsmSample = GoodfellowRuns.FgsmSample(context);
        var sample = fgsmSample.Count > MaxSample ? fgsmSample.Range(0, MaxSample) : fgsmSample;
        var errorPlot = new LinePlot { Title = "FGSM error against ε (MNIST test sample)", XLabel = "ε", YLabel = "error (%)" };
        var confidencePlot = new LinePlot { Title = "Mean confidence on x′ against ε", XLabel = "ε", YLabel = "mean probability of the prediction (%)" };
        var table = new MarkdownTable(["ε", .. Models.SelectMany(m => new[] { $"{m.Paper}: error", $"{m.Paper}: confidence" })]);
        var metrics = new List<AttackMetrics[]>();
        var numbers = new JsonObject { ["epsilons"] = new JsonArray(Epsilons.Select(e => (JsonNode)e).ToArray()), ["sample"] = sample.Count };
        foreach (var (zoo, paper, _) in Models)
        {
            context.Log($"{zoo}: FGSM at {Epsilons.Length} budgets on {sample.Count} test images");
            var results = GoodfellowRuns.FgsmMetrics(context, StandardModels.Classifier(context, zoo), sample, Epsilons);
            metrics.Add(results);
            errorPlot.AddSeries(paper, Epsilons, results.Select(m => 100 * m.ErrorRate).ToArray());
            confidencePlot.AddSeries(paper, Epsilons, results.Select(m => 100 * m.MeanConfidence).ToArray());
            numbers[zoo] = new JsonObject
            {
                ["error"] = new JsonArray(results.Select(m => (JsonNode)m.ErrorRate).ToArray()),
                ["mean_confidence"] = new JsonArray(results.Select(m => Json.Number(m.MeanConfidence)).ToArray()),
            };
        }
        for (var k = 0; k < Epsilons.Length; k++)
        {
            table.AddRow([Cells.Number(Epsilons[k], 2), .. metrics.SelectMany(m => new[] { Cells.Percent(m[k].ErrorRate), Cells.Percent(m[k].MeanConfidence) })]);
        }
        var (errorFile, errorPath) = context.Figure("fgsm-error-vs-epsilon.png");
        errorPlot.Save(errorPath);
        var (confidenceFile, confidencePath) = context.Figure("fgsm-confidence-vs-epsilon.png");
        confidencePlot.Save(confidencePath);

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"FGSM on {(sample.Count < fgsmSample.Count ? $"the first {sample.Count:N0} images of the seeded FGSM sample (the other sections use all {fgsmSample.Count:N0}, so the ε = 0.25 row can differ from them by sampling)" : $"the seeded sample of {sample.Count:N0} test images")} at each ε (one gradient per model, x′ clipped to [0, 1]), for the plain models of the other sections (trained on {GoodfellowRuns.TrainingImages(context)}). The error counts clean mistakes too (ε = 0 is the clean error); the confidence is the mean probability of the predicted class over all examples (for the RBF net its unit's own probability). The paper gives only the points at ε = 0.25: {string.Join(", ", Models.Select(m => $"{m.Paper} {Cells.Percent(m.Error)}"))}."));
        md.AppendLine().AppendLine(table.ToMarkdown()).AppendLine();
        if (GoodfellowRuns.PresetNote(context) is { Length: > 0 } note)
        {
            md.AppendLine(note).AppendLine();
        }
        md.AppendLine($"![FGSM error against ε]({errorFile}) ![FGSM confidence against ε]({confidenceFile})");
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [errorFile, confidenceFile], 0, context.Preset.Name);
    }
}
