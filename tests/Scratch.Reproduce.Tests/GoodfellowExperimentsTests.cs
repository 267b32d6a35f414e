using System.Text.Json.Nodes;
using Scratch.Nn;

namespace Scratch.Reproduce.Tests;

// In the CiRun collection for the end-to-end checks; the other tests do not use the run.
[Collection("CiRun")]
public sealed class GoodfellowExperimentsTests(CiRun run)
{
    private static readonly string[] Names =
    [
        "goodfellow-fgsm", "goodfellow-logreg", "goodfellow-adversarial-training", "goodfellow-l1", "goodfellow-rbf",
        "goodfellow-noise", "goodfellow-ensemble", "goodfellow-rubbish", "goodfellow-sweep", "goodfellow-fig4",
    ];

    [Fact]
    public void Catalog_Goodfellow_TenExperimentsInOrderAfterSzegedys()
    {
        var all = ExperimentCatalog.All.ToList();
        Assert.Equal(Names, ExperimentCatalog.Select("goodfellow", null).Select(e => e.Name));
        Assert.True(all.FindLastIndex(e => e.Paper == "szegedy") < all.FindIndex(e => e.Paper == "goodfellow"));
        Assert.Equal(all.Count, all.Select(e => e.Name).Distinct().Count());
    }

    [Fact]
    public void L1Loss_HandComputedCase_IsTheMeanLogisticLossPlusLambdaTimesTheL1Norm()
    {
        var model = LogisticModel();
        var (x, y) = Batch();
        // z = (1.75, 1.25), y± = (+1, −1), ‖w‖₁ = 3.5: mean(ζ(−1.75), ζ(1.25)) + λ·3.5.
        var expected = (Softplus(-1.75) + Softplus(1.25)) / 2 + 0.01 * 3.5;
        var result = WeightDecayAgainstAdversarialTraining.Loss(0.01, 0)(model, x, y);
        Assert.Equal(expected, result.Loss.Item(), 5);
        Assert.Equal([1, 1], result.Predictions!.ToArray<int>());
    }

    [Fact]
    public void L1Loss_AdversarialEpsilon_IsTheClosedFormFgsmLossWithoutTheL1Term()
    {
        var model = LogisticModel();
        var (x, y) = Batch();
        // ζ(ε‖w‖₁ − y±·z) averaged: ε‖w‖₁ = 0.35.
        var expected = (Softplus(0.35 - 1.75) + Softplus(0.35 + 1.25)) / 2;
        Assert.Equal(expected, WeightDecayAgainstAdversarialTraining.Loss(0, 0.1)(model, x, y).Loss.Item(), 5);
    }

    [Fact]
    public void BestWeights_LaterTiesWorseAndNaNScores_RestoresTheFirstLowestEpoch()
    {
        var model = new Sequential(new Linear(2, 1, new Generator(1)));
        var best = new BestWeights();
        float[] kept = [];
        var scores = new[] { 0.5, 0.3, 0.3, 0.7, double.NaN };
        for (var epoch = 0; epoch < scores.Length; epoch++)
        {
            // Each epoch's weights differ: every parameter shifted by one.
            model.LoadStateDict(model.StateDict().ToDictionary(p => p.Key, p => p.Value + 1.0));
            var isBest = best.Offer(epoch, model, scores[epoch]);
            Assert.Equal(epoch <= 1, isBest);
            if (epoch == 1)
            {
                kept = model.StateDict()["0.weight"].ToArray<float>();
            }
        }
        best.Restore(model);
        Assert.Equal(kept, model.StateDict()["0.weight"].ToArray<float>());
        Assert.Equal(1, best.BestEpoch);
        Assert.Equal(0.3, best.BestScore);
        Assert.Equal(scores, best.Scores);
    }

    [Fact]
    public void BestWeights_OnlyNaNOffered_RestoreThrows()
    {
        var model = new Sequential(new Linear(2, 1, new Generator(1)));
        var best = new BestWeights();
        best.Offer(0, model, double.NaN);
        Assert.Throws<InvalidOperationException>(() => best.Restore(model));
    }

    [Fact]
    public void CorrectBand_CorrectRunAroundTheOrigin_GivesTheShareAndTheRunsEnds()
    {
        // Label 0 wins where the first score is larger: F T T T F T.
        double[][] scores = [[0, 1], [2, 1], [2, 1], [2, 1], [0, 1], [2, 1]];
        double[] epsilons = [-2, -1, 0, 1, 2, 3];
        var (share, low, high) = LogitsAlongFgsmDirection.CorrectBand(scores, epsilons, label: 0, origin: 2);
        Assert.Equal(4 / 6.0, share);
        Assert.Equal(-1, low);
        Assert.Equal(1, high);
        var (_, wrongLow, wrongHigh) = LogitsAlongFgsmDirection.CorrectBand(scores, epsilons, label: 0, origin: 4);
        Assert.True(double.IsNaN(wrongLow) && double.IsNaN(wrongHigh));
        Assert.Throws<ArgumentException>(() => LogitsAlongFgsmDirection.CorrectBand(scores, [0, 1], 0, 0));
    }

    [Fact]
    public void CiRun_Goodfellow_EverySectionHasItsFiguresAndTheSharedNumbersAgree()
    {
        var results = run.Report.Results.Where(r => r.Paper == "goodfellow").ToArray();
        Assert.Equal(Names, results.Select(r => r.Name));
        foreach (var result in results)
        {
            foreach (var figure in result.Figures)
            {
                var bytes = File.ReadAllBytes(Path.Combine(run.Folder, figure));
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
                Assert.Contains($"]({figure})", result.Markdown, StringComparison.Ordinal);
            }
        }
        JsonNode Numbers(string name) => run.Result(name).Numbers;
        static double Value(JsonNode? node) => node!.GetValue<double>();
        // The same plain maxout attacked on the same sample at ε = 0.25 in five experiments: one number.
        var maxoutFgsm = Value(Numbers("goodfellow-fgsm")["maxout"]!["fgsm_error"]);
        Assert.True(maxoutFgsm > Value(Numbers("goodfellow-fgsm")["maxout"]!["clean_test_error"]));
        Assert.Equal(maxoutFgsm, Value(Numbers("goodfellow-sweep")["maxout"]!["error"]![5]));
        Assert.Equal(maxoutFgsm, Value(Numbers("goodfellow-noise")["plain"]!["fgsm_error"]));
        Assert.Equal(maxoutFgsm, Value(Numbers("goodfellow-adversarial-training")["plain"]!["fgsm_error"]));
        Assert.Equal(maxoutFgsm, Value(Numbers("goodfellow-ensemble")["fgsm_on_member_error_of_member"]));
        // The plain logistic regression in §5's two experiments.
        Assert.Equal(Value(Numbers("goodfellow-logreg")["fgsm_error"]), Value(Numbers("goodfellow-l1")["plain"]!["fgsm_error"]));
        // One validation error per epoch, and the kept epoch is the one with the lowest.
        var validation = Numbers("goodfellow-adversarial-training")["adversarial_validation_error"]!.AsArray().Select(Value).ToArray();
        Assert.Equal(run.Context.Preset.Epochs(ModelZoo.Recipe("maxout").Epochs), validation.Length);
        Assert.Equal(Array.IndexOf(validation, validation.Min()) + 1, Numbers("goodfellow-adversarial-training")["best_epoch"]!.GetValue<int>());
        // Fig. 4's image is classified correctly at ε = 0, so the band holds 0.
        Assert.True(Value(Numbers("goodfellow-fig4")["correct_band_low"]) <= 0 && Value(Numbers("goodfellow-fig4")["correct_band_high"]) >= 0);
    }

    private static double Softplus(double t) => Math.Log(1 + Math.Exp(t));

    // Logistic regression on three inputs with w = (0.5, −1, 2), b = 0.25.
    private static Sequential LogisticModel()
    {
        var model = new Sequential(new Flatten(), new Linear(3, 1, new Generator(0)));
        model.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["1.weight"] = Tensor.FromArray(new[] { 0.5f, -1f, 2f }, 1, 3),
            ["1.bias"] = Tensor.FromArray(new[] { 0.25f }),
        });
        return model;
    }

    // x₁ = (1, 0, 0.5) labelled 1, x₂ = (0, 1, 1) labelled 0: z = (1.75, 1.25).
    private static (Tensor X, Tensor Y) Batch() =>
        (Tensor.FromArray(new[] { 1f, 0f, 0.5f, 0f, 1f, 1f }, 2, 3), Tensor.FromArray(new[] { 1, 0 }));
}
