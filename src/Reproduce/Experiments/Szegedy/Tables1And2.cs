using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;
using Scratch.Nn.Training;

namespace Scratch.Reproduce;

/// <summary>
/// Szegedy et al. Table 1 (the six MNIST models: training and test error, mean minimum distortion) and Table 2 (the
/// adversarial examples of each model, made on a training sample, fed to every other model; Gaussian-noise rows).
/// One experiment, because Table 2's rows are Table 1's attacks.
/// </summary>
internal sealed class Tables1And2 : IExperiment
{
    private const ulong TargetSeed = 1;

    private static readonly (string Zoo, string Paper, double TrainError, double TestError, double Distortion)[] Models =
    [
        ("fc10-1e-4", "FC10(1e-4)", 0.067, 0.074, 0.062),
        ("fc10-1e-2", "FC10(1e-2)", 0.10, 0.094, 0.1),
        ("fc10-1", "FC10(1)", 0.212, 0.20, 0.14),
        ("fc100-100-10", "FC100-100-10", 0.0, 0.0164, 0.058),
        ("fc200-200-10", "FC200-200-10", 0.0, 0.0154, 0.065),
        ("ae400-10", "AE400-10", 0.0057, 0.019, 0.086),
    ];

    // Table 2 of the paper: rows = made for, columns = fed to, then σ = 0.1 and σ = 0.3 noise rows.
    private static readonly double[][] PaperTable2 =
    [
        [1.0, 0.117, 0.227, 0.02, 0.039, 0.027],
        [0.871, 1.0, 0.352, 0.359, 0.273, 0.098],
        [0.719, 0.762, 1.0, 0.481, 0.47, 0.344],
        [0.289, 0.137, 0.211, 1.0, 0.066, 0.02],
        [0.382, 0.14, 0.238, 0.203, 1.0, 0.027],
        [0.234, 0.16, 0.248, 0.094, 0.066, 1.0],
        [0.05, 0.101, 0.183, 0.0, 0.0, 0.008],
        [0.156, 0.113, 0.227, 0.05, 0.043, 0.031],
    ];

    public string Name => "szegedy-tables-1-2";

    public string Paper => "szegedy";

    public string Title => "Tables 1 and 2: six MNIST models, their minimum distortion, and cross-model generalisation";

    public ExperimentResult Run(ReproduceContext context)
    {
        var sample = ReproduceContext.Sample(context.Train, context.Preset.DistortionSample, seed: 11);
        var numbers = new JsonObject();
        var figures = new List<string>();
        var table1 = new MarkdownTable("model", "train err", "paper", "test err", "paper", "av. min. distortion (95% CI)", "paper", "diff", "success");
        var classifiers = new List<(string Name, Classifier Model)>();
        var attacks = new List<AttackResult>();
        foreach (var m in Models)
        {
            var model = StandardModels.Get(context, m.Zoo);
            var classifier = Classifier.ForZooModel(m.Zoo, model);
            var trainError = Transfer.ErrorRate(classifier, context.Train.Images().To(context.Device), context.Train.LabelTensor().To(context.Device));
            var testError = Transfer.ErrorRate(classifier, context.Test.Images().To(context.Device), context.Test.LabelTensor().To(context.Device));
            context.Log($"{m.Zoo}: L-BFGS attack on {sample.Count} training images");
            var attack = SzegedyAttacks.MinimumDistortion(context, classifier, sample, TargetSeed);
            var metrics = attack.Metrics();
            classifiers.Add((m.Paper, classifier));
            attacks.Add(attack);
            table1.AddRow(m.Paper, Cells.Percent(trainError), Cells.Percent(m.TrainError), Cells.Percent(testError), Cells.Percent(m.TestError),
                Cells.WithInterval(metrics.MeanDistortion, metrics.DistortionInterval95), Cells.Number(m.Distortion),
                Cells.Difference(metrics.MeanDistortion, m.Distortion), Cells.Percent(metrics.SuccessRate));
            numbers[m.Zoo] = new JsonObject
            {
                ["train_error"] = trainError,
                ["test_error"] = testError,
                ["mean_distortion"] = Json.Number(metrics.MeanDistortion),
                ["distortion_interval95"] = Json.Number(metrics.DistortionInterval95),
                ["success_rate"] = Json.Number(metrics.SuccessRate),
                ["mean_gradients"] = metrics.MeanGradients,
                ["recipe"] = ModelRecipe(context, m.Zoo),
            };
            var distortions = attack.Examples.Where(e => e.Success).Select(e => e.Size.Distortion).ToArray();
            if (distortions.Length > 1)
            {
                var (file, path) = context.Figure($"distortion-{m.Zoo}.png");
                new Histogram(distortions, 20) { Title = $"{m.Paper}: minimum distortion ({distortions.Length} examples)", XLabel = "distortion √(Σr²/784)", YLabel = "examples" }
                    .Save(path);
                figures.Add(file);
            }
        }

        var labels = sample.LabelTensor().To(context.Device);
        var clean = sample.Images().To(context.Device);
        var rows = attacks.Select((a, i) => ($"made for {Models[i].Paper}", a.Adversarial, a.Metrics().MeanDistortion)).ToList();
        foreach (var sigma in new[] { 0.1, 0.3 })
        {
            var noisy = Transfer.GaussianNoise(clean, sigma, seed: 21);
            rows.Add(($"Gaussian noise σ = {sigma}", noisy, Transfer.MeanDistortion(clean, noisy)));
        }
        var matrix = Transfer.Matrix(classifiers, rows, labels);
        var table2 = new MarkdownTable(["examples ↓ / fed to →", .. Models.Select(m => m.Paper), "av. distortion"]);
        var paperTable2 = new MarkdownTable(["paper", .. Models.Select(m => m.Paper)]);
        var matrixJson = new JsonArray();
        for (var r = 0; r < matrix.Rows.Count; r++)
        {
            var row = matrix.Rows[r];
            table2.AddRow([row.Name, .. row.Errors.Select(Cells.Percent), Cells.Number(row.MeanDistortion)]);
            paperTable2.AddRow([row.Name, .. PaperTable2[r].Select(Cells.Percent)]);
            // Add(JsonNode), not Add<T>: the generic one serializes by reflection, which a native build lacks.
            matrixJson.Add((JsonNode)new JsonObject { ["row"] = row.Name, ["mean_distortion"] = row.MeanDistortion, ["errors"] = new JsonArray(row.Errors.Select(e => (JsonNode)e).ToArray()) });
        }
        numbers["table2"] = matrixJson;

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"Each model is trained by its zoo recipe on {context.Train.Count:N0} training images (settings below). The minimum distortion is Szegedy's √(Σr²/784) of the smallest successful perturbation found by the box-constrained L-BFGS attack ({SzegedyAttacks.Describe(context, TargetSeed)}), averaged over the successful examples of a seeded random sample of {sample.Count:N0} training images (the paper: the training set; it reports no sample size or interval). \"Success\" is the share of correctly classified examples that reached their target when fed again."));
        md.AppendLine().AppendLine(table1.ToMarkdown()).AppendLine();
        md.AppendLine("Table 2: error of each model (columns) on the examples made for each model (rows) on the same training sample; the diagonal is the attack's own error (100% when every attack succeeded). The noise rows add N(0, σ²) per pixel, clipped to [0, 1].");
        md.AppendLine().AppendLine(table2.ToMarkdown()).AppendLine();
        md.AppendLine("The paper's Table 2, for comparison:").AppendLine().AppendLine(paperTable2.ToMarkdown()).AppendLine();
        md.AppendLine("Training settings: " + string.Join("; ", Models.Select(m => $"{m.Paper}: {ModelRecipe(context, m.Zoo)}")) + ".");
        if (context.Preset.Name != "full")
        {
            md.AppendLine().AppendLine($"Preset {context.Preset.Name} trains briefly on a subset, so errors sit above the paper's; the full preset trains with the recipes' epochs on all 60,000 images.");
        }
        md.AppendLine().AppendLine(string.Join(" ", figures.Select(f => $"![{Path.GetFileNameWithoutExtension(f)}]({f})")));
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, figures, 0, context.Preset.Name);
    }

    private static string ModelRecipe(ReproduceContext context, string zoo)
    {
        var recipe = Nn.ModelZoo.Recipe(zoo);
        return (recipe with { Epochs = context.Preset.Epochs(recipe.Epochs) }).Describe();
    }
}
