using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;
using Scratch.BenchSuite.Report;

namespace Scratch.BenchSuite.Tests;

public sealed class RoundsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-rounds-").FullName;

    private static readonly MachineInfo Machine = TestMachine.Info;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ResultRecord Step(string engine, string name, params double[] seconds) => new()
    {
        Group = "end-to-end", Variant = "end-to-end", Case = name, Engine = engine, Threads = 2, Seconds = seconds, Check = "ok",
    };

    private static List<string> Rows(string text) =>
        text.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).Select(l => l.TrimEnd()).ToList();

    [Fact]
    public void Each_round_takes_its_own_fastest_other_engine_and_the_ratios_median_and_range_follow()
    {
        // Round 1: PyTorch on one thread is the fastest other (0.3 s); round 2: its mallopt variant (0.25 s); round 3:
        // 0.2 s. Scratch's medians 0.15, 0.1 (median of 0.09, 0.1, 0.2) and 0.12: ratios 0.50, 0.40, 0.60.
        var records = new List<(int, ResultRecord)>
        {
            (1, Step("scratch-v512", "MLP epoch", 0.15)), (1, Step("pytorch", "MLP epoch", 0.9)), (1, Step("pytorch (1 thread)", "MLP epoch", 0.3)),
            (2, Step("scratch-v512", "MLP epoch", 0.09, 0.1, 0.2)), (2, Step("pytorch (1 thread)", "MLP epoch", 0.3)),
            (2, Step("pytorch (mallopt, 1 thread)", "MLP epoch", 0.25)),
            (3, Step("scratch-v512", "MLP epoch", 0.12)), (3, Step("pytorch (1 thread)", "MLP epoch", 0.2)),
        };

        var rows = Rows(Rounds.Table(records, Machine, "bench/run.sh quick"));

        Assert.Equal(
            ["| MLP epoch | 150 · 100 · 120 | 300 (pytorch (1 thread)) · 250 (pytorch (mallopt, 1 thread)) · 200 (pytorch (1 thread)) | 0.50 · 0.40 · 0.60 | 0.50 (0.40–0.60) |"],
            rows.Select(r => System.Text.RegularExpressions.Regex.Replace(r, " +", " ")));
    }

    [Fact]
    public void A_round_without_a_timed_pair_is_left_out_and_a_case_with_none_has_no_row()
    {
        // Round 2's other engine was not timed (a fingerprint mismatch leaves no seconds); "Szegedy" has no other engine.
        var records = new List<(int, ResultRecord)>
        {
            (1, Step("scratch-v512", "FGSM", 0.03)), (1, Step("pytorch", "FGSM", 0.06)),
            (2, Step("scratch-v512", "FGSM", 0.03)), (2, Step("pytorch", "FGSM")),
            (1, Step("scratch-v512", "Szegedy", 0.001)),
        };

        var rows = Rows(Rounds.Table(records, Machine, "bench/run.sh quick"));

        Assert.Single(rows);
        Assert.Matches(@"^\| FGSM +\| +30\.0 +\| +60\.0 \(pytorch\) +\| +0\.50 +\| +0\.50 \(0\.50–0\.50\) +\|$", rows[0]);
    }

    [Fact]
    public void The_rounds_file_is_written_from_the_folder_and_a_file_without_a_round_number_is_refused()
    {
        File.WriteAllText(Path.Combine(_folder, "machine.json"), Machine.ToJson());
        var rounds = Directory.CreateDirectory(Path.Combine(_folder, Rounds.Folder)).FullName;
        File.WriteAllLines(Path.Combine(rounds, "scratch-1.jsonl"), [Step("scratch-v512", "MLP step", 0.001).ToJson()]);
        File.WriteAllLines(Path.Combine(rounds, "python-1-thread-1.jsonl"), [Step("pytorch (1 thread)", "MLP step", 0.002).ToJson()]);

        var text = Rounds.Write(_folder, "bench/run.sh quick");

        Assert.Equal(text, File.ReadAllText(Path.Combine(_folder, Rounds.TableFile)));
        Assert.Contains("**Test CPU** (family 26), 2 cores", text, StringComparison.Ordinal);
        Assert.Matches(@"\| MLP step +\| +1\.00 +\| +2\.00 \(pytorch \(1 thread\)\) +\| +0\.50 +\|", text);

        File.WriteAllLines(Path.Combine(rounds, "python.jsonl"), [Step("pytorch", "MLP step", 0.002).ToJson()]);
        var error = Assert.Throws<InvalidDataException>(() => Rounds.Write(_folder, "bench/run.sh quick"));
        Assert.Contains("python.jsonl", error.Message, StringComparison.Ordinal);
    }
}
