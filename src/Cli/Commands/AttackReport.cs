using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scratch.Attacks;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary>The output of <c>scratch attack</c>: a summary table (one row per ε) or one JSON object.</summary>
internal static class AttackReport
{
    /// <summary>
    /// One JSON object: attack, model (the zoo name), checkpoint, examples, seconds and the metric keys of the first result at the top level,
    /// and <c>per_epsilon</c> with the same keys per ε when there are several. NaN (a mean over nothing) is null.
    /// </summary>
    public static string Json(string attack, string model, string checkpoint, IReadOnlyList<AttackResult> results, double seconds)
    {
        var root = new JsonObject
        {
            ["attack"] = attack,
            ["model"] = model,
            ["checkpoint"] = checkpoint,
            ["examples"] = results[0].Count,
            ["seconds"] = Math.Round(seconds, 3),
        };
        foreach (var (key, value) in Metrics(results[0]))
        {
            root[key] = value;
        }
        if (results.Count > 1)
        {
            var array = new JsonArray();
            foreach (var r in results)
            {
                var item = new JsonObject();
                foreach (var (key, value) in Metrics(r))
                {
                    item[key] = value;
                }
                // Add(JsonNode), not Add<T>: the generic one serializes by reflection, which a native build lacks.
                array.Add((JsonNode)item);
            }
            root["per_epsilon"] = array;
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>The summary table, one row per ε (one row for Szegedy's attack).</summary>
    public static Table Table(string attack, string model, IReadOnlyList<AttackResult> results, double seconds)
    {
        var table = new Table().AddColumns("attack", "ε", "n", "clean acc", "error", "success", "conf", "conf wrong", "distortion", "grads");
        foreach (var r in results)
        {
            var m = r.Metrics();
            table.AddRow(attack, r.Epsilon is { } e ? F(e, "0.###") : "—", m.Examples.ToString(CultureInfo.InvariantCulture),
                P(m.CleanAccuracy), P(m.ErrorRate), P(m.SuccessRate), P(m.MeanConfidence), P(m.MeanConfidenceOnMistakes),
                double.IsNaN(m.MeanDistortion) ? "—" : F(m.MeanDistortion, "0.0000"), F(m.MeanGradients, "0.#"));
        }
        table.Caption = new TableTitle(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{model}: {results[0].Count} examples in {seconds:F1} s ({results[0].Count / seconds:F0} examples/s)")));
        return table;
    }

    private static IEnumerable<(string Key, JsonNode? Value)> Metrics(AttackResult result)
    {
        var m = result.Metrics();
        yield return ("epsilon", result.Epsilon is { } e ? e : null);
        yield return ("clean_accuracy", Number(m.CleanAccuracy));
        yield return ("error_rate", Number(m.ErrorRate));
        yield return ("success_rate", Number(m.SuccessRate));
        yield return ("mean_confidence", Number(m.MeanConfidence));
        yield return ("mean_confidence_on_mistakes", Number(m.MeanConfidenceOnMistakes));
        yield return ("mean_distortion", Number(m.MeanDistortion));
        yield return ("mean_l2", Number(m.MeanL2));
        yield return ("mean_linf", Number(m.MeanLinf));
        yield return ("mean_gradients", Number(m.MeanGradients));
        var perClass = new JsonArray();
        foreach (var c in m.PerClass)
        {
            perClass.Add((JsonNode)new JsonObject
            {
                ["label"] = c.Label,
                ["examples"] = c.Examples,
                ["clean_accuracy"] = Number(c.CleanAccuracy),
                ["error_rate"] = Number(c.ErrorRate),
                ["success_rate"] = Number(c.SuccessRate),
                ["mean_distortion"] = Number(c.MeanDistortion),
            });
        }
        yield return ("per_class", perClass);
    }

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static string P(double v) => double.IsNaN(v) ? "—" : v.ToString("P1", CultureInfo.InvariantCulture);

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
