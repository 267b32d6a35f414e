using System.Globalization;
using System.Text.RegularExpressions;
using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;
using Scratch.Reports.Output;
using Scratch.Reports.Tables;

namespace Scratch.BenchSuite.Report;

/// <summary>
/// The end-to-end ratios round by round. bench/run.sh's rounds step runs Scratch's end-to-end group and then the other
/// engines' (PyTorch on every thread count and allocator it is run with, SciPy for L-BFGS-B) back to back, several
/// times, each round's files named NAME-ROUND.jsonl in RESULTS/rounds. In a full run the engines are timed minutes
/// apart, and the 2-core VMs this project runs on drift by 10–30% within minutes, so one ratio can be a mood of the
/// machine; back to back and repeated, each round gives its own ratio and the rounds give their spread. For each case
/// and round: Scratch's median, the fastest other engine's median in that round, and Scratch's over it.
/// </summary>
public static partial class Rounds
{
    /// <summary>The folder under a results folder that holds the rounds' files.</summary>
    public const string Folder = "rounds";

    /// <summary>The file in a results folder that holds the rounds' table.</summary>
    public const string TableFile = "rounds.md";

    /// <summary>Writes RESULTS/rounds.md from RESULTS/machine.json and RESULTS/rounds/*.jsonl and returns its text.</summary>
    /// <exception cref="InvalidDataException">machine.json or the rounds are missing, or a file's name has no round number.</exception>
    public static string Write(string results, string command)
    {
        var machinePath = Path.Combine(results, "machine.json");
        if (!File.Exists(machinePath))
        {
            throw new InvalidDataException($"{machinePath} does not exist; run the probe first (bench/run.sh does)");
        }
        var folder = Path.Combine(results, Folder);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            throw new InvalidDataException($"{folder} holds no *.jsonl; run the rounds step first (BENCH_STEPS=\"build probe rounds\" bench/run.sh MODE)");
        }
        var records = new List<(int Round, ResultRecord Record)>();
        foreach (var file in files)
        {
            int round = RoundOf(file);
            records.AddRange(ResultRecord.ReadAll(file).Select(r => (round, r)));
        }
        var text = Table(records, MachineInfo.Read(machinePath), command);
        AtomicFile.WriteAllText(Path.Combine(results, TableFile), text);
        return text;
    }

    /// <summary>
    /// The rounds' markdown: a sentence naming the machine, date and command, then one row per end-to-end case that
    /// Scratch and some other engine both timed in a round.
    /// </summary>
    public static string Table(IReadOnlyList<(int Round, ResultRecord Record)> records, MachineInfo machine, string command)
    {
        var timed = records.Where(r => r.Record.Group == "end-to-end" && r.Record.Seconds.Length > 0).ToList();
        var rounds = timed.Select(r => r.Round).Distinct().Order().ToList();
        var table = new MarkdownTable("work", "Scratch, ms", "fastest other engine, ms", "Scratch ÷ other", "median (range)");
        foreach (var work in timed.GroupBy(r => r.Record.Case))
        {
            var pairs = rounds.Select(round => Pair(work.Where(r => r.Round == round).Select(r => r.Record).ToList()))
                .Where(p => p is not null).Select(p => p!.Value).ToList();
            if (pairs.Count == 0)
            {
                continue;
            }
            var ratios = pairs.Select(p => p.Scratch / p.Other.Median).ToList();
            table.AddRow(work.Key,
                string.Join(" · ", pairs.Select(p => Ms(p.Scratch))),
                string.Join(" · ", pairs.Select(p => $"{Ms(p.Other.Median)} ({p.Other.Engine})")),
                string.Join(" · ", ratios.Select(Ratio)),
                $"{Ratio(Stats.Median(ratios))} ({Ratio(ratios.Min())}–{Ratio(ratios.Max())})");
        }
        return $"""
            End to end, round by round (written by bench/run.sh's rounds step; in each of {rounds.Count} rounds
            Scratch's end-to-end group, then every other engine's, back to back; medians per round):
            **{machine.Cpu}** (family {machine.Family}), {machine.Cores} cores, AVX-512F {(machine.Avx512 ? "yes" : "no")},
            {machine.ClockGhz.ToString("F2", CultureInfo.InvariantCulture)} GHz measured, {machine.Date}, `{command}`.

            {table.ToMarkdown()}
            """;
    }

    // Scratch's median in one round (the engine other ratios are taken against, Engines.BaselineFor) and the other
    // engine with the lowest median in it; null when either is missing.
    private static (double Scratch, ResultRecord Other)? Pair(List<ResultRecord> round)
    {
        var baseline = Engines.BaselineFor("", Engines.Present(round));
        var scratch = round.FirstOrDefault(r => r.Engine == baseline);
        var other = round.Where(r => !r.Engine.StartsWith("scratch", StringComparison.Ordinal)).MinBy(r => r.Median);
        return scratch is not null && other is not null ? (scratch.Median, other) : null;
    }

    private static int RoundOf(string path)
    {
        var match = RoundNumber().Match(Path.GetFileNameWithoutExtension(path));
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var round)
            ? round
            : throw new InvalidDataException($"{path}: a rounds file's name must end in -ROUND (e.g. scratch-1.jsonl)");
    }

    private static string Ms(double seconds) => Metric.Format(seconds * 1e3);

    private static string Ratio(double ratio) => ratio.ToString("F2", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"-([0-9]+)$")]
    private static partial Regex RoundNumber();
}
