using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;

namespace Scratch.Reproduce;

/// <summary>
/// Goodfellow et al. 2015, Fig. 4: the maxout net's logits for x + ε·sign(∇ₓJ(θ, x, y)), the FGSM direction fixed at
/// one test image x, for ε from −10 to 10. The paper's curves are piecewise linear, and only a thin band of ε around 0
/// is classified correctly: the net is close to linear along that direction, far outside the data.
/// </summary>
internal sealed class LogitsAlongFgsmDirection : IExperiment
{
    private const string Zoo = "maxout";
    private const int Steps = 101;
    private const double Range = 10;

    public string Name => "goodfellow-fig4";

    public string Paper => "goodfellow";

    public string Title => "Fig. 4: the maxout net's logits along one FGSM direction, ε ∈ [−10, 10]";

    /// <summary>
    /// The share of <paramref name="scores"/>' rows (one per ε) whose arg-max is <paramref name="label"/>, and the ε range of
    /// the correctly classified run of rows that contains row <paramref name="origin"/> (NaN, NaN when that row is wrong).
    /// </summary>
    public static (double Share, double Low, double High) CorrectBand(IReadOnlyList<double[]> scores, IReadOnlyList<double> epsilons, int label, int origin)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(epsilons);
        if (scores.Count != epsilons.Count || scores.Count == 0 || origin < 0 || origin >= scores.Count)
        {
            throw new ArgumentException($"Fig. 4: {scores.Count} rows of scores, {epsilons.Count} values of ε and origin {origin}; expected as many rows as ε (at least one) and an origin among them", nameof(scores));
        }
        var correct = scores.Select(row => Array.IndexOf(row, row.Max()) == label).ToArray();
        var share = correct.Count(c => c) / (double)correct.Length;
        if (!correct[origin])
        {
            return (share, double.NaN, double.NaN);
        }
        var (low, high) = (origin, origin);
        while (low > 0 && correct[low - 1])
        {
            low--;
        }
        while (high < correct.Length - 1 && correct[high + 1])
        {
            high++;
        }
        return (share, epsilons[low], epsilons[high]);
    }

    public ExperimentResult Run(ReproduceContext context)
    {
        var classifier = StandardModels.Classifier(context, Zoo);
        var candidates = context.Test.Range(0, Math.Min(100, context.Test.Count));
        var predictions = classifier.Predict(classifier.Scores(candidates.Images().To(context.Device))).To(Device.Cpu).ToArray<int>();
        // The first test image the net classifies correctly (image 0 when none of the first 100 is).
        var found = Enumerable.Range(0, predictions.Length).FirstOrDefault(i => predictions[i] == candidates.Labels[i], -1);
        var index = Math.Max(found, 0);
        var label = candidates.Labels[index];
        var epsilons = Enumerable.Range(0, Steps).Select(k => (k - Steps / 2) * (2 * Range / (Steps - 1))).ToArray();
        var scores = Probes.ScoresAlongFgsmDirection(classifier, candidates.Images([index]).To(context.Device), candidates.LabelTensor([index]).To(context.Device), epsilons);
        var (share, low, high) = CorrectBand(scores, epsilons, label, Steps / 2);

        var plot = new LinePlot { Title = $"maxout logits along sign(∇ₓJ) at test image {index} (label {label})", XLabel = "ε", YLabel = "logit" };
        for (var c = 0; c < scores[0].Length; c++)
        {
            plot.AddSeries(c == label ? $"class {c} (true)" : $"class {c}", epsilons, scores.Select(row => row[c]).ToArray());
        }
        var (file, path) = context.Figure("fig4-logits-along-fgsm.png");
        plot.Save(path);
        var numbers = new JsonObject
        {
            ["test_index"] = index,
            ["label"] = label,
            ["epsilons"] = new JsonArray(epsilons.Select(e => (JsonNode)e).ToArray()),
            ["logits"] = new JsonArray(scores.Select(row => (JsonNode)new JsonArray(row.Select(v => (JsonNode)v).ToArray())).ToArray()),
            ["share_correct"] = share,
            ["correct_band_low"] = Json.Number(low),
            ["correct_band_high"] = Json.Number(high),
        };

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"The plain maxout net (trained on {GoodfellowRuns.TrainingImages(context)}); x is test image {index}, {(found >= 0 ? "the first of the test set it classifies correctly" : "since it misclassifies the first 100")} (label {label}); d = sign(∇ₓJ(θ, x, y)) is fixed at x and the logits of x + ε·d are plotted for {Steps} values of ε evenly spaced in [−{Range}, {Range}], without clipping to [0, 1] (as the figure does). The paper's image and its class are not stated beyond the figure."));
        md.AppendLine();
        md.AppendLine(FormattableString.Invariant($"Classified correctly at {Cells.Percent(share)} of the ε values; the correct band around ε = 0 runs from {Cells.Number(low, 1)} to {Cells.Number(high, 1)}. The paper: the logits are piecewise linear in ε and the correct class wins only on a narrow interval around 0. Negative ε steps down the loss, so on that side the band can reach far; on the FGSM side (ε > 0) it ends at the band's upper end."));
        if (GoodfellowRuns.PresetNote(context) is { Length: > 0 } note)
        {
            md.AppendLine().AppendLine(note);
        }
        md.AppendLine().AppendLine($"![maxout logits along an FGSM direction]({file})");
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [file], 0, context.Preset.Name);
    }
}
