using System.Text;
using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;
using Scratch.Reports.Plots;

namespace Scratch.BenchSuite.Report;

/// <summary>
/// One group's PNG figures: per variant, one line per engine against size with the machine's limit drawn; for
/// GEMM, the thread scaling of the largest float32 size with the ideal line; for cases without a size axis,
/// each engine's time over Scratch's as bars.
/// </summary>
public static class GroupPlots
{
    /// <summary>Writes the group's figures into <paramref name="folder"/> and returns their file names.</summary>
    public static List<string> Write(string group, IReadOnlyList<ResultRecord> records, MachineInfo machine, string folder)
    {
        var files = new List<string>();
        var timed = records.Where(r => r.Seconds.Length > 0).ToList();
        if (timed.Count == 0)
        {
            return files;
        }
        string unit = Metric.Unit(timed);
        if (timed.All(r => r.X <= 0))
        {
            // Only Scratch's own rows (e.g. BENCH_STEPS="probe scratch report"): no ratio to draw.
            if (Ratios(group, timed) is { } ratios)
            {
                files.Add(Save(ratios, folder, $"{group}.png"));
            }
            return files;
        }
        foreach (var variant in timed.GroupBy(r => r.Variant))
        {
            var plot = new LinePlot { Title = $"{group}: {variant.Key}", XLabel = "size", YLabel = unit, LogX = true, Width = 900, Height = 540 };
            foreach (var engine in Engines.Present(variant))
            {
                var points = variant.Where(r => r.Engine == engine).OrderBy(r => r.X).ToList();
                plot.AddSeries(engine, [.. points.Select(r => r.X)], [.. points.Select(r => Metric.Value(r, r.Median))]);
            }
            var sample = variant.First();
            if (Metric.Limit(sample, machine) is var limit and > 0)
            {
                plot.AddReferenceLine(limit, unit == "GB/s" ? $"memory copy ({Metric.Format(limit)} GB/s)" : $"FP32 FMA peak ({Metric.Format(limit)} GFLOP/s)");
            }
            files.Add(Save(plot, folder, $"{group}-{Slug(variant.Key)}.png"));
        }
        if (group == "gemm" && Scaling(timed, machine) is { } scaling)
        {
            files.Add(Save(scaling, folder, "gemm-thread-scaling.png"));
        }
        return files;
    }

    // Each engine's float32 GFLOP/s at 1 and 2 threads for the largest n both have, with Scratch's ideal line.
    private static LinePlot? Scaling(List<ResultRecord> records, MachineInfo machine)
    {
        var f32 = records.Where(r => r.Variant.StartsWith("float32", StringComparison.Ordinal)).ToList();
        var n = f32.GroupBy(r => r.X).Where(g => g.Select(r => r.Threads).Distinct().Count() > 1).Select(g => g.Key).DefaultIfEmpty(0).Max();
        if (n == 0)
        {
            return null;
        }
        var plot = new LinePlot { Title = $"SGEMM thread scaling, n = {n}", XLabel = "threads", YLabel = "GFLOP/s", Width = 900, Height = 540 };
        foreach (var engine in Engines.Present(f32))
        {
            var points = f32.Where(r => r.Engine == engine && r.X == n).OrderBy(r => r.Threads).ToList();
            if (points.Count > 1)
            {
                plot.AddSeries(engine, [.. points.Select(r => (double)r.Threads)], [.. points.Select(r => Metric.Value(r, r.Median))]);
                if (engine.StartsWith("scratch", StringComparison.Ordinal) && points[0].Threads == 1)
                {
                    double one = Metric.Value(points[0], points[0].Median);
                    plot.AddSeries($"ideal ({engine} × threads)", [.. points.Select(r => (double)r.Threads)], [.. points.Select(r => one * r.Threads)]);
                }
            }
        }
        plot.AddReferenceLine(machine.Fp32PeakAllCores, $"FP32 FMA peak, {machine.Cores} cores");
        return plot;
    }

    // Null when no engine but Scratch has a timed row beside a Scratch baseline.
    private static BarChart? Ratios(string group, List<ResultRecord> records)
    {
        int bars = 0;
        var chart = new BarChart { Title = $"{group}: time over Scratch's (1 = Scratch)", YLabel = "× Scratch's time", Width = 1100, Height = 600 };
        var engines = Engines.Present(records);
        foreach (var row in records.GroupBy(r => r.Case))
        {
            foreach (var r in row.Where(r => !r.Engine.StartsWith("scratch", StringComparison.Ordinal)))
            {
                if (row.FirstOrDefault(x => x.Engine == Engines.BaselineFor(r.Engine, engines)) is { Seconds.Length: > 0 } baseline)
                {
                    chart.Add($"{Short(row.Key)} · {r.Engine}", r.Median / baseline.Median);
                    bars++;
                }
            }
        }
        return bars > 0 ? chart : null;
    }

    private static string Short(string name) => name.Length <= 24 ? name : name[..23] + "…";

    private static string Save(Figure figure, string folder, string name)
    {
        figure.Save(Path.Combine(folder, name));
        return name;
    }

    /// <summary>A file-name part: letters and digits kept, runs of anything else as one '-'.</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        return slug.ToString().Trim('-');
    }
}
