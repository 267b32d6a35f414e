using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;
using Scratch.Reports.Tables;

namespace Scratch.BenchSuite.Report;

/// <summary>
/// One group's markdown: a table with a row per case and a column per engine (median, min–max, fraction of the
/// machine's limit, ratio to Scratch), the first-call times apart, and the notes and failed checks below it.
/// </summary>
public static class GroupTable
{
    /// <summary>The group's markdown section (without a heading).</summary>
    public static string Write(IReadOnlyList<ResultRecord> records, MachineInfo machine)
    {
        var engines = Engines.Present(records);
        var byKey = records.GroupBy(r => (r.Variant, r.Case)).ToList();
        string unit = Metric.Unit(records);
        var table = new MarkdownTable([.. new[] { "variant", "case" }.Concat(engines)]);
        var first = new MarkdownTable([.. new[] { "variant", "case" }.Concat(engines)]);
        foreach (var row in byKey)
        {
            var cells = new List<string?> { row.Key.Variant, row.Key.Case };
            var firstCells = new List<string?> { row.Key.Variant, row.Key.Case };
            foreach (var engine in engines)
            {
                var r = row.FirstOrDefault(x => x.Engine == engine);
                var baseline = row.FirstOrDefault(x => x.Engine == Engines.BaselineFor(engine, engines));
                cells.Add(r is null ? "" : Metric.Cell(r, machine, baseline));
                firstCells.Add(r is null ? "" : r.FirstSeconds > 0 ? $"{Metric.Format(r.FirstSeconds * 1e3)} ms" : "—");
            }
            table.AddRow([.. cells]);
            first.AddRow([.. firstCells]);
        }
        var text = new System.Text.StringBuilder();
        text.AppendLine(unit == "ms"
            ? "Time per run in ms: median (min–max) over the timed runs; ×: this engine's median time over Scratch's (above 1: slower than Scratch)."
            : $"{unit}: median (min–max) over the timed runs, then the fraction of the machine's measured {(unit == "GB/s" ? "copy bandwidth" : "FP32 FMA peak")} for that thread count{(unit == "GB/s" ? " (sizes that fit in cache can exceed it)" : "")}; ×: this engine's median time over Scratch's (above 1: slower than Scratch).");
        text.AppendLine();
        text.Append(table.ToMarkdown());
        text.AppendLine();
        var checks = records.GroupBy(r => r.Check.StartsWith("mismatch", StringComparison.Ordinal) ? "mismatch" : r.Check).ToDictionary(g => g.Key, g => g.Count());
        text.AppendLine($"Results checked against Scratch's before timing: {checks.GetValueOrDefault("ok")} equal within tolerance, " +
                        $"{checks.GetValueOrDefault("mismatch")} different, {checks.GetValueOrDefault("unchecked")} not comparable (no shared output).");
        foreach (var r in records.Where(r => r.Check.StartsWith("mismatch", StringComparison.Ordinal)))
        {
            text.AppendLine($"- ✗ {r.Engine}, {r.Variant}, {r.Case}: {r.Check}");
        }
        foreach (var r in records.Where(r => r.Note is not null))
        {
            text.AppendLine($"- {r.Engine}, {r.Case}: {r.Note}");
        }
        text.AppendLine();
        text.AppendLine("First call (JIT, kernel compilation, first-touch allocation), timed apart:");
        text.AppendLine();
        text.Append(first.ToMarkdown());
        return text.ToString();
    }
}
