using Scratch.BenchSuite.Cases;
using Scratch.BenchSuite.Harness;
using Scratch.BenchSuite.Machine;
using Scratch.BenchSuite.Report;

namespace Scratch.BenchSuite;

/// <summary>
/// bench/run.sh's C# tool (scratch-bench):
/// <c>probe --out machine.json</c>;
/// <c>run --engine scratch|reference|gpu --mode quick|full [--groups gemm,conv,...] [--threads N] [--check FILE] --out FILE</c>;
/// <c>report --results DIR --command TEXT [--readme bench/README.md --figures DIR]</c>;
/// <c>headline --results DIR --readme README.md</c> (DIR's headline.md between README.md's headline markers);
/// <c>rounds --results DIR --command TEXT</c> (DIR/rounds/*.jsonl into DIR/rounds.md, see <see cref="Rounds"/>).
/// A bad argument prints one line on stderr and exits with 2.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var options = CommandLine.Parse(args);
            return options.Command switch
            {
                "probe" => Probe(options),
                "run" => Run(options),
                "report" => Report(options),
                "headline" => SpliceHeadline(options),
                "rounds" => WriteRounds(options),
                _ => throw new ArgumentException($"command '{options.Command}'; expected probe, run, report, headline or rounds"),
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            Console.Error.WriteLine($"scratch-bench: {e.Message}");
            return 2;
        }
    }

    private static int Probe(CommandLine o)
    {
        var machine = MachineProbe.Measure();
        Scratch.Reports.Output.AtomicFile.WriteAllText(o.Required("out"), machine.ToJson());
        Console.WriteLine(ReportWriter.MachineSection(machine, "probe"));
        return 0;
    }

    private static int Run(CommandLine o)
    {
        string mode = o.Get("mode", "quick");
        var timer = Harness.Timer.ForMode(mode);
        int threads = o.Int("threads", Environment.ProcessorCount);
        var groups = o.Get("groups", string.Join(',', ReportWriter.Groups)).Split(',');
        var engine = Engine.Parse(o.Required("engine"));
        if (engine is null)
        {
            Console.WriteLine("no CUDA or OpenCL device: the GPU engine is skipped");
            return 0;
        }
        if (engine.IsGpu)
        {
            Console.WriteLine($"{engine.Device}: kernels compiled in {Devices.WarmUp(engine.Device).TotalSeconds:F2} s (not in any timing)");
        }
        var expected = o.Get("check", "") is { Length: > 0 } check
            ? CaseRunner.Expected(check)
            : [];
        var cases = groups.SelectMany(g => g switch
        {
            "gemm" => GemmCases.For(engine, mode),
            "conv" => ConvCases.For(engine, mode, threads),
            "elementwise" => ElementwiseCases.For(engine, mode, threads),
            "softmax" => SoftmaxCases.For(engine, mode, threads),
            "end-to-end" => EndToEndCases.For(engine, mode, threads),
            _ => throw new ArgumentException($"group '{g}'; expected {string.Join(", ", ReportWriter.Groups)}"),
        }).ToList();
        var runner = new CaseRunner(engine.Name, timer, expected, Console.Out);
        var output = o.Required("out");
        var temporary = output + ".partial";
        using (var writer = new StreamWriter(temporary))
        {
            foreach (var c in cases)
            {
                writer.WriteLine(runner.Run(c).ToJson());
                writer.Flush();
            }
        }
        File.Move(temporary, output, overwrite: true);
        return 0;
    }

    private static int Report(CommandLine o)
    {
        var folder = o.Required("results");
        var text = ReportWriter.Write(folder, o.Required("command"));
        if (o.Get("readme", "") is { Length: > 0 } readme)
        {
            var figures = o.Required("figures");
            Directory.CreateDirectory(figures);
            foreach (var png in Directory.GetFiles(folder, "*.png"))
            {
                File.Copy(png, Path.Combine(figures, Path.GetFileName(png)), overwrite: true);
            }
            var relative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(readme))!, Path.GetFullPath(figures));
            ReadmeSection.Replace(readme, text.Replace("FIGURES/", relative + "/", StringComparison.Ordinal));
        }
        Console.WriteLine($"report: {Path.Combine(folder, "report.md")}");
        return 0;
    }

    private static int WriteRounds(CommandLine o)
    {
        Console.WriteLine(Rounds.Write(o.Required("results"), o.Required("command")));
        return 0;
    }

    private static int SpliceHeadline(CommandLine o)
    {
        var headline = Path.Combine(o.Required("results"), ReportWriter.HeadlineFile);
        if (!File.Exists(headline))
        {
            throw new InvalidDataException($"{headline} does not exist; run the report step first (BENCH_STEPS=report bench/run.sh MODE)");
        }
        var readme = o.Required("readme");
        ReadmeSection.Replace(readme, File.ReadAllText(headline), ReadmeSection.HeadlineBegin, ReadmeSection.HeadlineEnd);
        Console.WriteLine($"headline: {readme} updated from {headline}");
        return 0;
    }
}
