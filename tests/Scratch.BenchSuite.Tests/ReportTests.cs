using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;
using Scratch.BenchSuite.Report;

namespace Scratch.BenchSuite.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-report-").FullName;

    private static readonly MachineInfo Machine = TestMachine.Info;

    private static ResultRecord Gemm(string engine, int n, int threads, params double[] seconds) => new()
    {
        Group = "gemm", Variant = $"float32, {threads} thread{(threads > 1 ? "s" : "")}", Case = $"n = {n}", X = n, Engine = engine,
        Threads = threads, Flops = 2.0 * n * n * n, FirstSeconds = 0.5, Seconds = seconds, Check = "ok",
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_rate_cell_gives_median_range_fraction_of_peak_and_ratio()
    {
        // 2·1000³ FLOP in 0.02 s = 100 GFLOP/s, half the one-core peak of 200; slowest 0.04 s, fastest 0.01 s.
        var scratch = Gemm("scratch-v512", 1000, 1, 0.01, 0.02, 0.04);
        var other = Gemm("pytorch", 1000, 1, 0.04, 0.04, 0.04);

        Assert.Equal("100 (50.0–200) 50%", Metric.Cell(scratch, Machine, scratch));
        Assert.Equal("50.0 (50.0–50.0) 25% ×2.00", Metric.Cell(other, Machine, scratch));
    }

    [Fact]
    public void Two_threads_are_held_to_the_all_core_peak_and_bytes_to_the_copy_bandwidth()
    {
        Assert.Equal(400, Metric.Limit(Gemm("x", 64, 2, 1), Machine));
        var copy = new ResultRecord { Group = "elementwise", Variant = "add", Case = "n", Engine = "x", Threads = 1, Bytes = 1e9, Seconds = [0.1] };
        Assert.Equal("10.0 (10.0–10.0) 50%", Metric.Cell(copy, Machine, null));
    }

    [Fact]
    public void A_time_cell_puts_the_fastest_run_first_and_a_mismatch_is_shown_not_timed()
    {
        var step = new ResultRecord { Group = "end-to-end", Variant = "e", Case = "step", Engine = "pytorch", Threads = 2, Seconds = [0.003, 0.002, 0.005] };
        Assert.Equal("3.00 (2.00–5.00)", Metric.Cell(step, Machine, null));
        Assert.Equal("✗ mismatch", Metric.Cell(step with { Check = "mismatch: sum", Seconds = [] }, Machine, null));
    }

    [Fact]
    public void The_group_table_has_a_column_per_engine_in_order_a_row_per_case_and_lists_mismatches()
    {
        var records = new[]
        {
            Gemm("pytorch", 64, 1, 0.001), Gemm("scratch-v512", 64, 1, 0.001), Gemm("scratch-v512", 128, 1, 0.002),
            Gemm("numpy", 128, 1, 0.004) with { Check = "mismatch: sum: 1 against 2", Seconds = [] },
        };

        var text = GroupTable.Write(records, Machine);
        var header = text.Split('\n').First(l => l.StartsWith("| variant", StringComparison.Ordinal));

        Assert.True(header.IndexOf("scratch-v512", StringComparison.Ordinal) < header.IndexOf("pytorch", StringComparison.Ordinal));
        Assert.True(header.IndexOf("pytorch", StringComparison.Ordinal) < header.IndexOf("numpy", StringComparison.Ordinal));
        Assert.Contains("| n = 128 ", text);
        Assert.Contains("×1.00", text);
        Assert.Contains("3 equal within tolerance, 1 different", text);
        Assert.Contains("- ✗ numpy, float32, 1 thread, n = 128: mismatch: sum: 1 against 2", text);
        Assert.Contains("500 ms", text);
    }

    [Fact]
    public void Bdn_rows_are_compared_with_the_scratch_rows_of_their_own_run()
    {
        Assert.Equal("scratch (bdn)", Engines.BaselineFor("torchsharp (bdn)", ["scratch-v512", "scratch (bdn)"]));
        Assert.Equal("scratch-v512", Engines.BaselineFor("pytorch", ["scratch-v512", "scratch-v256"]));
        Assert.Equal("scratch-v256", Engines.BaselineFor("pytorch", ["scratch-v256"]));
    }

    [Fact]
    public void The_writer_makes_a_table_and_pngs_per_group_and_a_report()
    {
        File.WriteAllText(Path.Combine(_folder, "machine.json"), Machine.ToJson());
        var records = new[]
        {
            Gemm("scratch-v512", 64, 1, 0.001), Gemm("scratch-v512", 128, 1, 0.004), Gemm("scratch-v512", 128, 2, 0.0025),
            Gemm("pytorch", 64, 1, 0.002), Gemm("pytorch", 128, 1, 0.005), Gemm("pytorch", 128, 2, 0.003),
            new ResultRecord { Group = "end-to-end", Variant = "end-to-end", Case = "step", Engine = "scratch-v512", Threads = 2, Seconds = [0.01] },
            new ResultRecord { Group = "end-to-end", Variant = "end-to-end", Case = "step", Engine = "pytorch", Threads = 2, Seconds = [0.02], Note = "n" },
        };
        File.WriteAllLines(Path.Combine(_folder, "a.jsonl"), records.Select(r => r.ToJson()));

        var report = ReportWriter.Write(_folder, "bench/run.sh quick");

        Assert.Contains("**Test CPU** (family 26)", report);
        Assert.Contains("`bench/run.sh quick`", report);
        Assert.Contains("### GEMM", report);
        Assert.Contains("### End to end", report);
        foreach (var png in new[] { "gemm-float32-1-thread.png", "gemm-float32-2-threads.png", "gemm-thread-scaling.png", "end-to-end.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(_folder, png));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Contains($"(FIGURES/{png})", report);
        }
        Assert.True(File.Exists(Path.Combine(_folder, "gemm.md")));
        Assert.DoesNotContain("FIGURES/", File.ReadAllText(Path.Combine(_folder, "report.md")));
    }

    [Fact]
    public void A_missing_machine_file_is_named()
    {
        var e = Assert.Throws<InvalidDataException>(() => ReportWriter.Write(_folder, "x"));
        Assert.Contains("machine.json", e.Message);
    }

    [Fact]
    public void Records_survive_a_round_trip_and_a_bad_line_is_named()
    {
        var record = Gemm("numpy", 64, 1, 0.1, 0.2) with { Print = [1, 2, 3], Note = "note" };
        var path = Path.Combine(_folder, "r.jsonl");
        File.WriteAllLines(path, [record.ToJson(), "", "{not json"]);

        var e = Assert.Throws<InvalidDataException>(() => ResultRecord.ReadAll(path));
        Assert.Contains("r.jsonl:3", e.Message);

        File.WriteAllLines(path, [record.ToJson()]);
        var back = Assert.Single(ResultRecord.ReadAll(path));
        Assert.Equal(record.Key, back.Key);
        Assert.Equal(record.Seconds, back.Seconds);
        Assert.Equal(record.Print, back.Print);
        Assert.Contains("\"first_seconds\":0.5", record.ToJson());
    }

    [Fact]
    public void The_readme_section_between_the_markers_is_replaced_and_nothing_else()
    {
        var text = $"# Title\nbefore\n{ReadmeSection.Begin}\nold\n{ReadmeSection.End}\nafter\n";

        var replaced = ReadmeSection.Replaced(text, "new table\n\n", "README.md");

        Assert.Equal($"# Title\nbefore\n{ReadmeSection.Begin}\nnew table\n{ReadmeSection.End}\nafter\n", replaced);
        Assert.Throws<InvalidDataException>(() => ReadmeSection.Replaced("no markers", "x", "README.md"));
        Assert.Throws<InvalidDataException>(() => ReadmeSection.Replaced($"{ReadmeSection.End}\n{ReadmeSection.Begin}", "x", "README.md"));
        Assert.Throws<InvalidDataException>(() => ReadmeSection.Replaced(text + ReadmeSection.Begin, "x", "README.md"));
    }

    [Fact]
    public void Slugs_keep_letters_and_digits()
    {
        Assert.Equal("layer-2-32-64-12-12-forward", GroupPlots.Slug("layer 2 (32→64, 12×12) forward"));
    }
}
