using System.Text;
using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;
using Scratch.Reports.Output;

namespace Scratch.BenchSuite.Report;

/// <summary>
/// Reads a results folder (machine.json and every *.jsonl) and writes, into it, one markdown file and its PNG
/// figures per group, report.md with the machine, every group's table and links to its figures, and headline.md
/// with the top-level README's headline figures (<see cref="Headline"/>).
/// </summary>
public static class ReportWriter
{
    /// <summary>The groups in the order the report shows them.</summary>
    public static readonly string[] Groups = ["gemm", "conv", "elementwise", "softmax", "end-to-end"];

    private static readonly Dictionary<string, string> Titles = new()
    {
        ["gemm"] = "GEMM (C = A·B, n×n)", ["conv"] = "conv2d (the conv net's layers)",
        ["elementwise"] = "Elementwise and reductions (float32)", ["softmax"] = "Softmax and cross-entropy (float32)",
        ["end-to-end"] = "End to end",
    };

    /// <summary>The file in a results folder that holds the headline figures.</summary>
    public const string HeadlineFile = "headline.md";

    /// <summary>Writes the report for the results in <paramref name="folder"/> and returns report.md's text.</summary>
    /// <exception cref="InvalidDataException">machine.json or a results file is missing or malformed.</exception>
    public static string Write(string folder, string command)
    {
        var machinePath = Path.Combine(folder, "machine.json");
        if (!File.Exists(machinePath))
        {
            throw new InvalidDataException($"{machinePath} does not exist; run the probe first (bench/run.sh does)");
        }
        var machine = MachineInfo.Read(machinePath);
        var records = Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(ResultRecord.ReadAll).ToList();
        var report = new StringBuilder();
        report.AppendLine(MachineSection(machine, command));
        foreach (var group in Groups.Concat(records.Select(r => r.Group).Distinct().Except(Groups)))
        {
            var inGroup = records.Where(r => r.Group == group).ToList();
            if (inGroup.Count == 0)
            {
                continue;
            }
            var section = GroupTable.Write(inGroup, machine);
            AtomicFile.WriteAllText(Path.Combine(folder, $"{group}.md"), $"# {Titles.GetValueOrDefault(group, group)}\n\n{section}");
            var figures = GroupPlots.Write(group, inGroup, machine, folder);
            report.AppendLine($"### {Titles.GetValueOrDefault(group, group)}").AppendLine().Append(section).AppendLine();
            foreach (var figure in figures)
            {
                report.AppendLine($"![{figure}](FIGURES/{figure})");
            }
            report.AppendLine();
        }
        AtomicFile.WriteAllText(Path.Combine(folder, HeadlineFile), Headline.Write(records, machine, command));
        var text = report.ToString();
        AtomicFile.WriteAllText(Path.Combine(folder, "report.md"), text.Replace("FIGURES/", "", StringComparison.Ordinal));
        return text;
    }

    /// <summary>The machine paragraph: CPU, family, cores, SIMD, measured clock, peak and bandwidth, date and command.</summary>
    public static string MachineSection(MachineInfo m, string command) =>
        $"""
        Machine: **{m.Cpu}** (family {m.Family}), {m.Cores} cores, {m.Simd}, AVX-512F {(m.Avx512 ? "yes" : "no")}, measured clock {m.ClockGhz:F2} GHz.
        Measured limits: FP32 FMA peak {m.Fp32PeakV512PerCore:F0} GFLOP/s per core with Vector512, {m.Fp32PeakV256PerCore:F0} with Vector256, {m.Fp32PeakAllCores:F0} on all {m.Cores} cores;
        memory copy {m.CopyGBsOneThread:F1} GB/s on one thread, {m.CopyGBsAllCores:F1} GB/s on all cores (bytes read + written).
        Date: {m.Date}. Command: `{command}`.

        """;
}
