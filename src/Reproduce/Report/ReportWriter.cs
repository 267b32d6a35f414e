using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scratch.Reproduce;

/// <summary>Writes report.md (each experiment's section under its paper, with the run's settings) and results.json (every number; schema in docs/results-json.md).</summary>
internal static class ReportWriter
{
    public static (string Report, string Json) Write(ReproduceContext context, string paper, IReadOnlyList<ExperimentResult> results, double seconds)
    {
        var machine = MachineInfo.Current();
        var version = typeof(ReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine("# Reproducing Szegedy et al. 2013 and Goodfellow et al. 2015 with Scratch").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Run: {now}, `scratch reproduce {paper} --preset {context.Preset.Name}`, device {context.Device}, this call {seconds:F0} s; the sections' own times are below each title.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Sizes: {context.Preset.Describe()}.");
        md.AppendLine("- Every number below comes from this run (or a cached result of the same preset). \"Paper\" columns quote ../shared/PAPERS.md; where our setting differs from the paper's, the section says so.");
        md.AppendLine();
        foreach (var group in results.GroupBy(r => r.Paper))
        {
            md.AppendLine(group.Key == "szegedy"
                ? "## Szegedy et al. 2013, \"Intriguing properties of neural networks\""
                : "## Goodfellow, Shlens & Szegedy 2015, \"Explaining and Harnessing Adversarial Examples\"").AppendLine();
            foreach (var r in group)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"### {r.Title}").AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"_`{r.Name}`, preset {r.Preset}, {r.Seconds:F1} s._").AppendLine();
                md.AppendLine(r.Markdown.TrimEnd()).AppendLine();
            }
        }
        var reportPath = Path.Combine(context.OutputDirectory, "report.md");
        AtomicFile.WriteAllText(reportPath, md.ToString());

        var json = new JsonObject
        {
            ["schema"] = 1,
            ["version"] = version,
            ["created"] = now,
            ["command"] = $"scratch reproduce {paper} --preset {context.Preset.Name}",
            ["preset"] = JsonSerializer.SerializeToNode(context.Preset, ReportJsonContext.Default.Preset),
            ["device"] = context.Device.ToString(),
            ["machine"] = JsonSerializer.SerializeToNode(machine, ReportJsonContext.Default.MachineInfo),
            ["seconds"] = Math.Round(seconds, 2),
            ["experiments"] = new JsonArray(results.Select(r =>
            {
                var node = ResultStore.ToJson(r);
                node.Remove("markdown");
                return (JsonNode)node;
            }).ToArray()),
        };
        var jsonPath = Path.Combine(context.OutputDirectory, "results.json");
        AtomicFile.WriteAllText(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return (reportPath, jsonPath);
    }
}
