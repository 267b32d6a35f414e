using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;
using Scratch.BenchSuite.Report;

namespace Scratch.BenchSuite.Tests;

public sealed class HeadlineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-headline-").FullName;

    private static readonly MachineInfo Machine = TestMachine.Info;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ResultRecord Gemm(string engine, int n, double seconds) => new()
    {
        Group = "gemm", Variant = "float32, 1 thread", Case = $"n = {n}", X = n, Engine = engine, Threads = 1,
        Flops = 2.0 * n * n * n, Seconds = [seconds], Check = "ok",
    };

    private static ResultRecord Step(string engine, string name, double seconds) => new()
    {
        Group = "end-to-end", Variant = "end-to-end", Case = name, Engine = engine, Threads = 2, Seconds = [seconds], Check = "ok",
    };

    [Fact]
    public void The_headline_has_the_largest_sgemm_and_every_end_to_end_case_with_ratios_to_scratch()
    {
        // n = 1000: 2·10⁹ FLOP; 0.02 s is 100 GFLOP/s, half the one-core peak. n = 100 is not the largest: left out.
        var records = new[]
        {
            Gemm("scratch-v512", 100, 1e-5), Gemm("scratch-v512", 1000, 0.02), Gemm("numpy", 1000, 0.04), Gemm("scratch-v256", 1000, 0.04),
            Step("scratch-v512", "MLP step", 0.002), Step("pytorch", "MLP step", 0.003),
            Step("scratch (bdn)", "MLP step", 0.001), Step("torchsharp (bdn)", "MLP step", 0.0015),
            Step("scratch-v512", "FGSM", 0.1), Step("pytorch", "FGSM", 0.05) with { Seconds = [] },
        };

        var text = Headline.Write(records, Machine, "bench/run.sh quick");

        var rows = text.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).Select(l => l.TrimEnd()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Matches(@"^\| SGEMM n = 1000, 1 thread +\| 100 GFLOP/s \(50% of peak\) +\| numpy 50\.0 GFLOP/s \(25% of peak\) \(×2\.00\) +\|$", rows[0]);
        Assert.Matches(@"^\| MLP step +\| 2\.00 ms +\| torchsharp \(bdn\) 1\.50 ms \(×1\.50 against Scratch's 1\.00 ms in that run\); pytorch 3\.00 ms \(×1\.50\) +\|$", rows[1]);
        Assert.Matches(@"^\| FGSM +\| 100 ms +\| +\|$", rows[2]);
        Assert.Contains("**Test CPU** (family 26), 2 cores", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-05 12:00 UTC, `bench/run.sh quick`", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_writes_the_headline_file_beside_the_tables()
    {
        File.WriteAllText(Path.Combine(_folder, "machine.json"), Machine.ToJson());
        File.WriteAllLines(Path.Combine(_folder, "scratch-v512.jsonl"), [Step("scratch-v512", "MLP step", 0.002).ToJson()]);

        ReportWriter.Write(_folder, "bench/run.sh quick");

        Assert.Contains("| MLP step ", File.ReadAllText(Path.Combine(_folder, ReportWriter.HeadlineFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_headline_markers_are_spliced_atomically_and_everything_outside_them_is_kept_byte_for_byte()
    {
        var readme = Path.Combine(_folder, "README.md");
        string before = "# Scratch\n\n## Measured figures\n\n", after = "\nEarlier text, kept.\n\n## Next\r\ntrailing  spaces  \n";
        File.WriteAllText(readme, $"{before}{ReadmeSection.HeadlineBegin}\nhand-typed figures\nover two lines\n{ReadmeSection.HeadlineEnd}{after}");

        ReadmeSection.Replace(readme, "| generated |\n\n\n", ReadmeSection.HeadlineBegin, ReadmeSection.HeadlineEnd);

        Assert.Equal($"{before}{ReadmeSection.HeadlineBegin}\n| generated |\n{ReadmeSection.HeadlineEnd}{after}", File.ReadAllText(readme));
        Assert.Equal(["README.md"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("no markers at all\n")]
    [InlineData("<!-- bench:headline:begin -->\nonly the opening one\n")]
    [InlineData("<!-- bench:headline:end -->\nreversed\n<!-- bench:headline:begin -->\n")]
    [InlineData("<!-- bench:headline:begin -->\n<!-- bench:headline:end -->\n<!-- bench:headline:begin -->\n<!-- bench:headline:end -->\n")]
    [InlineData("<!-- bench/run.sh results: begin (generated; do not edit) -->\n<!-- bench/run.sh results: end -->\n")]
    public void Missing_repeated_or_reversed_markers_are_refused_naming_the_file_and_the_file_is_untouched(string text)
    {
        var readme = Path.Combine(_folder, "README.md");
        File.WriteAllText(readme, text);

        var e = Assert.Throws<InvalidDataException>(() => ReadmeSection.Replace(readme, "| generated |", ReadmeSection.HeadlineBegin, ReadmeSection.HeadlineEnd));

        Assert.Equal($"{readme}: expected one '{ReadmeSection.HeadlineBegin}' line followed by one '{ReadmeSection.HeadlineEnd}' line", e.Message);
        Assert.Equal(text, File.ReadAllText(readme));
    }

    [Fact]
    public void The_repositorys_readme_has_the_headline_markers_once_and_in_order()
    {
        var readme = Path.Combine(AppContext.BaseDirectory, "Fixtures", "README.md");

        var replaced = ReadmeSection.Replaced(File.ReadAllText(readme), "x", readme, ReadmeSection.HeadlineBegin, ReadmeSection.HeadlineEnd);

        Assert.Contains($"{ReadmeSection.HeadlineBegin}\nx\n{ReadmeSection.HeadlineEnd}", replaced, StringComparison.Ordinal);
    }
}
