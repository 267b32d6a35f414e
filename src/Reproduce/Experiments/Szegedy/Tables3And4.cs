using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;

namespace Scratch.Reproduce;

/// <summary>
/// Szegedy et al. Tables 3 and 4: three sigmoid nets trained on the two disjoint halves P1 and P2 of the training
/// images (Table 3: errors and minimum distortion), and the adversarial examples of each, made on a test sample, fed
/// to the others — with Gaussian-noise rows and rows whose perturbation is amplified to a per-pixel RMS of 0.1 (Table 4).
/// </summary>
internal sealed class Tables3And4 : IExperiment
{
    private const ulong TargetSeed = 3;

    private static readonly (string Key, string Zoo, string Paper, bool OnP1, double ErrorP1, double ErrorP2, double TestError, double Distortion)[] Models =
    [
        ("fc100-100-10-p1", "fc100-100-10", "FC100-100-10 on P1", true, 0.0, 0.024, 0.02, 0.062),
        ("fc123-456-10-p1", "fc123-456-10", "FC123-456-10 on P1", true, 0.0, 0.025, 0.021, 0.059),
        ("fc100-100-10-p2", "fc100-100-10", "FC100-100-10′ on P2", false, 0.023, 0.0, 0.021, 0.058),
    ];

    // Table 4 of the paper, in our row order: made for each model, then σ = 0.06 noise, amplified rows, σ = 0.1 noise.
    private static readonly double[][] PaperTable4 =
    [
        [1.0, 0.262, 0.059],
        [0.0625, 1.0, 0.051],
        [0.082, 0.082, 1.0],
        [0.022, 0.026, 0.024],
        [1.0, 0.98, 0.43],
        [0.96, 1.0, 0.22],
        [0.27, 0.50, 1.0],
        [0.026, 0.028, 0.027],
    ];

    public string Name => "szegedy-tables-3-4";

    public string Paper => "szegedy";

    public string Title => "Tables 3 and 4: cross-training-set generalisation (P1/P2), amplified and noise rows";

    public ExperimentResult Run(ReproduceContext context)
    {
        var (p1, p2) = context.Train.Halves();
        var sample = ReproduceContext.Sample(context.Test, context.Preset.DistortionSample, seed: 13);
        var x = sample.Images().To(context.Device);
        var labels = sample.LabelTensor().To(context.Device);
        var numbers = new JsonObject();
        var table3 = new MarkdownTable("model", "error on P1", "paper", "error on P2", "paper", "test error", "paper", "min. av. distortion", "paper");
        var classifiers = new List<(string, Classifier)>();
        var attacks = new List<AttackResult>();
        for (var i = 0; i < Models.Length; i++)
        {
            var m = Models[i];
            var half = m.OnP1 ? p1 : p2;
            var model = context.Models.Get(m.Key, m.Zoo, () => RecipeTraining.Train(context, m.Zoo, half, seed: (ulong)(100 + i)));
            var classifier = Classifier.ForZooModel(m.Zoo, model);
            double ErrorOn(Data.Sets.ImageDataset set) => Transfer.ErrorRate(classifier, set.Images().To(context.Device), set.LabelTensor().To(context.Device));
            var (e1, e2, et) = (ErrorOn(p1), ErrorOn(p2), ErrorOn(context.Test));
            context.Log($"{m.Key}: L-BFGS attack on {sample.Count} test images");
            var attack = SzegedyAttacks.MinimumDistortion(context, classifier, sample, TargetSeed);
            var metrics = attack.Metrics();
            classifiers.Add((m.Paper, classifier));
            attacks.Add(attack);
            table3.AddRow(m.Paper, Cells.Percent(e1), Cells.Percent(m.ErrorP1), Cells.Percent(e2), Cells.Percent(m.ErrorP2), Cells.Percent(et),
                Cells.Percent(m.TestError), Cells.WithInterval(metrics.MeanDistortion, metrics.DistortionInterval95), Cells.Number(m.Distortion));
            numbers[m.Key] = new JsonObject
            {
                ["error_p1"] = e1,
                ["error_p2"] = e2,
                ["test_error"] = et,
                ["mean_distortion"] = Json.Number(metrics.MeanDistortion),
                ["distortion_interval95"] = Json.Number(metrics.DistortionInterval95),
                ["success_rate"] = Json.Number(metrics.SuccessRate),
            };
        }

        var rows = attacks.Select((a, i) => ($"distorted for {Models[i].Paper} (av. {Cells.Number(a.Metrics().MeanDistortion)})", a.Adversarial, Transfer.MeanDistortion(x, a.Adversarial))).ToList();
        var noise006 = Transfer.GaussianNoise(x, 0.06, seed: 31);
        rows.Add(("Gaussian noise σ = 0.06", noise006, Transfer.MeanDistortion(x, noise006)));
        for (var i = 0; i < attacks.Count; i++)
        {
            var amplified = Transfer.Amplify(x, attacks[i].Adversarial, 0.1);
            rows.Add(($"distorted for {Models[i].Paper}, amplified to 0.1", amplified, Transfer.MeanDistortion(x, amplified)));
        }
        var noise01 = Transfer.GaussianNoise(x, 0.1, seed: 32);
        rows.Add(("Gaussian noise σ = 0.1", noise01, Transfer.MeanDistortion(x, noise01)));
        var matrix = Transfer.Matrix(classifiers, rows, labels);
        var table4 = new MarkdownTable(["examples ↓ / fed to →", .. Models.Select(m => m.Paper), "av. distortion", "paper row"]);
        var matrixJson = new JsonArray();
        for (var r = 0; r < matrix.Rows.Count; r++)
        {
            var row = matrix.Rows[r];
            table4.AddRow([row.Name, .. row.Errors.Select(Cells.Percent), Cells.Number(row.MeanDistortion), string.Join(" / ", PaperTable4[r].Select(Cells.Percent))]);
            // Add(JsonNode), not Add<T>: the generic one serializes by reflection, which a native build lacks.
            matrixJson.Add((JsonNode)new JsonObject { ["row"] = row.Name, ["mean_distortion"] = row.MeanDistortion, ["errors"] = new JsonArray(row.Errors.Select(e => (JsonNode)e).ToArray()) });
        }
        numbers["table4"] = matrixJson;

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"P1 and P2 are the two disjoint halves of the {context.Train.Count:N0} training images the preset uses ({p1.Count:N0} each; the paper: 30,000 each). Each net is trained by the zoo's sigmoid-net recipe on its half. Minimum distortions and Table 4's examples come from a seeded random sample of {sample.Count:N0} test images (the attack: {SzegedyAttacks.Describe(context, TargetSeed)})."));
        md.AppendLine().AppendLine(table3.ToMarkdown()).AppendLine();
        md.AppendLine("Table 4: error of each model (columns) on each row's examples; \"amplified\" rescales each example's perturbation to a per-pixel RMS of 0.1 (the paper's \"stddev 0.06 → 0.1\"), then clips to [0, 1]. The last column is the paper's row, in the same column order.");
        md.AppendLine().AppendLine(table4.ToMarkdown());
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [], 0, context.Preset.Name);
    }
}
