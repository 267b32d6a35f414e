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
/// <c>--mode dry</c> runs every benchmark once (BenchmarkDotNet's Dry job): the setups' equality checks; its records are one call each, not timings.
/// </summary>
public static class Program
{
    /// <summary>Whether the full mode was asked for (more sizes, more iterations).</summary>
    public static bool Full { get; private set; }

    public static int Main(string[] args)
    {
        if (args.Length != 4 || args[0] != "--mode" || args[1] is not ("quick" or "full" or "dry") || args[2] != "--out")
        {
            Console.Error.WriteLine($"scratch-bench-torchsharp: arguments '{string.Join(' ', args)}'; expected --mode quick|full|dry --out FILE");
            return 2;
        }
        Full = args[1] == "full";
        var job = args[1] == "dry" ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)
            : Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1)
                .WithWarmupCount(Full ? 5 : 2).WithIterationCount(Full ? 15 : 5)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(Full ? 250 : 100));
        var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator)
            .WithArtifactsPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[3]))!, "torchsharp-bdn"));
        var summaries = BenchmarkRunner.Run([typeof(GemmPair), typeof(ConvPair), typeof(ElementwisePair), typeof(SoftmaxPair), typeof(StepPair), typeof(FgsmPair)], config);
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
        // The pair describes its own row, with its parameters (size, dtype, op) set as BenchmarkDotNet set them.
        var pair = (Pair)Activator.CreateInstance(c.Descriptor.Type)!;
        foreach (var parameter in c.Parameters.Items)
        {
            c.Descriptor.Type.GetProperty(parameter.Name)!.SetValue(pair, parameter.Value);
        }
        var (group, variant, name, x, flops, bytes) = pair.Describe();
        string engine = method.StartsWith("Scratch", StringComparison.Ordinal) ? "scratch (bdn)" : "torchsharp (bdn)";
        var jitting = report.AllMeasurements.Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Jitting).ToList();
        return new ResultRecord
        {
            Group = group, Variant = variant, Case = name, X = x, Engine = engine, Threads = Pair.Threads, Flops = flops, Bytes = bytes,
            FirstSeconds = jitting.Count > 0 ? jitting[0].Nanoseconds / jitting[0].Operations / 1e9 : 0,
            Seconds = [.. statistics.OriginalValues.Select(ns => ns / 1e9)],
            Check = "ok",
        };
    }
}
