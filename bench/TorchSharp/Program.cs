using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Scratch.BenchSuite.Harness;

namespace Scratch.Bench.Torch;

/// <summary>
/// Scratch beside TorchSharp-cpu in one BenchmarkDotNet run (in process: the run uses this project's own, patched
/// copy of libLibTorchSharp.so; see bench/README.md). Usage: <c>--mode quick|full --out FILE</c>; writes the suite's
/// JSON-lines records (engines "scratch (bdn)" and "torchsharp (bdn)") and BenchmarkDotNet's own tables.
/// </summary>
public static class Program
{
    /// <summary>Whether the full mode was asked for (more sizes, more iterations).</summary>
    public static bool Full { get; private set; }

    public static int Main(string[] args)
    {
        if (args.Length != 4 || args[0] != "--mode" || args[1] is not ("quick" or "full") || args[2] != "--out")
        {
            Console.Error.WriteLine($"scratch-bench-torchsharp: arguments '{string.Join(' ', args)}'; expected --mode quick|full --out FILE");
            return 2;
        }
        Full = args[1] == "full";
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1)
            .WithWarmupCount(Full ? 5 : 2).WithIterationCount(Full ? 15 : 5)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(Full ? 250 : 100));
        var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator)
            .WithArtifactsPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[3]))!, "torchsharp-bdn"));
        var summaries = BenchmarkRunner.Run([typeof(GemmPair), typeof(ConvPair), typeof(ElementwisePair), typeof(MlpStepPair)], config);
        var records = summaries.SelectMany(s => s.Reports).Select(ToRecord).OfType<ResultRecord>().ToList();
        File.WriteAllLines(args[3] + ".partial", records.Select(r => r.ToJson()));
        File.Move(args[3] + ".partial", args[3], overwrite: true);
        Console.WriteLine($"{records.Count} records written to {args[3]}");
        return records.Count > 0 ? 0 : 1;
    }

    private static ResultRecord? ToRecord(BenchmarkReport report)
    {
        if (report.ResultStatistics is not { } statistics)
        {
            return null;
        }
        var c = report.BenchmarkCase;
        string method = c.Descriptor.WorkloadMethod.Name;
        int n = c.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value is int value ? value : 0;
        string engine = method.StartsWith("Scratch", StringComparison.Ordinal) ? "scratch (bdn)" : "torchsharp (bdn)";
        int threads = Pair.Threads;
        string plural = threads > 1 ? "s" : "";
        var (group, variant, name, x, flops, bytes) = (c.Descriptor.Type.Name, method) switch
        {
            (nameof(GemmPair), _) => ("gemm", $"float32, {threads} thread{plural}", $"n = {n}", (double)n, 2.0 * n * n * n, 0.0),
            (nameof(ConvPair), _) => ("conv", "layer 2 (32→64, 12×12) forward", "batch 128", 128.0, 2.0 * 128 * 64 * 8 * 8 * 32 * 25, 0.0),
            (nameof(ElementwisePair), "ScratchAdd" or "TorchSharpAdd") => ("elementwise", "add", "n = 2^20", 1 << 20, 0.0, 12.0 * (1 << 20)),
            (nameof(ElementwisePair), _) => ("elementwise", "exp", "n = 2^20", 1 << 20, 0.0, 8.0 * (1 << 20)),
            _ => ("end-to-end", "end-to-end", "MLP step (batch 128)", 0.0, 0.0, 0.0),
        };
        var jitting = report.AllMeasurements.Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Jitting).ToList();
        return new ResultRecord
        {
            Group = group, Variant = variant, Case = name, X = x, Engine = engine, Threads = threads, Flops = flops, Bytes = bytes,
            FirstSeconds = jitting.Count > 0 ? jitting[0].Nanoseconds / jitting[0].Operations / 1e9 : 0,
            Seconds = [.. statistics.OriginalValues.Select(ns => ns / 1e9)],
            Check = "ok",
        };
    }
}
