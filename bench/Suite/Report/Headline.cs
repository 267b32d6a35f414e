using System.Globalization;
using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;
using Scratch.Reports.Tables;

namespace Scratch.BenchSuite.Report;

/// <summary>
/// The headline figures for the top-level README.md, from a results folder's records: SGEMM at the largest float32
/// size on one thread and on every core (GFLOP/s and fraction of peak), then every end-to-end case (ms), each with
/// Scratch's median and every other engine's median and its time over Scratch's. BenchmarkDotNet rows are given
/// against that run's own Scratch row.
/// </summary>
public static class Headline
{
    /// <summary>The headline markdown: a sentence naming the machine, date and command, then the table.</summary>
    public static string Write(IReadOnlyList<ResultRecord> records, MachineInfo machine, string command)
    {
        var timed = records.Where(r => r.Seconds.Length > 0).ToList();
        var table = new MarkdownTable(["work", "Scratch", "other engines, same run (× = time over Scratch's)"]);
        var present = Engines.Present(timed);
        string scratch = Engines.BaselineFor("", present);
        foreach (var row in Rows(timed, scratch))
        {
            var baseline = row.First(r => r.Engine == scratch);
            var others = row.Where(r => r.Engine != scratch && !r.Engine.StartsWith("scratch", StringComparison.Ordinal))
                .OrderBy(r => present.IndexOf(r.Engine))
                .Select(r => Other(r, row.FirstOrDefault(x => x.Engine == Engines.BaselineFor(r.Engine, present)) ?? baseline, machine));
            table.AddRow(Work(baseline), Value(baseline, machine), string.Join("; ", others));
        }
        return $"""
            Headline figures (written by `BENCH_STEPS=readme bench/run.sh MODE`; medians, every table and its spread in
            [bench/README.md](bench/README.md)): **{machine.Cpu}** (family {machine.Family}), {machine.Cores} cores,
            AVX-512F {(machine.Avx512 ? "yes" : "no")}, {machine.ClockGhz.ToString("F2", CultureInfo.InvariantCulture)} GHz measured, {machine.Date}, `{command}`.

            {table.ToMarkdown()}
            """;
    }

    // The SGEMM rows (largest float32 n that Scratch ran, per thread count), then the end-to-end rows, in record order.
    private static IEnumerable<List<ResultRecord>> Rows(List<ResultRecord> timed, string scratch)
    {
        var gemm = timed.Where(r => r.Group == "gemm" && r.Variant.StartsWith("float32", StringComparison.Ordinal)).ToList();
        foreach (var variant in gemm.Where(r => r.Engine == scratch).GroupBy(r => r.Variant))
        {
            double n = variant.Max(r => r.X);
            yield return [.. gemm.Where(r => r.Variant == variant.Key && r.X == n)];
        }
        foreach (var work in timed.Where(r => r.Group == "end-to-end").GroupBy(r => r.Case))
        {
            if (work.Any(r => r.Engine == scratch))
            {
                yield return [.. work];
            }
        }
    }

    private static string Work(ResultRecord r) => r.Group == "gemm" ? $"SGEMM {r.Case}, {r.Variant["float32, ".Length..]}" : r.Case;

    private static string Value(ResultRecord r, MachineInfo machine)
    {
        string value = Metric.Format(Metric.Value(r, r.Median));
        double limit = Metric.Limit(r, machine);
        return r.Flops > 0 ? $"{value} GFLOP/s{(limit > 0 ? $" ({Percent(Metric.Value(r, r.Median) / limit)} of peak)" : "")}" : $"{value} ms";
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    private static string Other(ResultRecord r, ResultRecord baseline, MachineInfo machine)
    {
        string ratio = (r.Median / baseline.Median).ToString("F2", CultureInfo.InvariantCulture);
        string against = baseline.Engine.EndsWith("(bdn)", StringComparison.Ordinal) ? $" against Scratch's {Value(baseline, machine)} in that run" : "";
        return $"{r.Engine} {Value(r, machine)} (×{ratio}{against})";
    }
}
