using System.CommandLine;
using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;
using Scratch.Backends.Cpu;
using Scratch.Cli.Parsing;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary>
/// <c>scratch selfcheck</c>: checks our SGEMM against the reference kernel and measures its GFLOP/s on
/// every SIMD width this machine has, on one thread and on all cores.
/// </summary>
internal static class SelfCheckCommand
{
    // Beyond this the check runs for hours (six n³ multiplications per width and thread count) and measures nothing new.
    private const int MaxSize = 8192;

    public static Command Create()
    {
        var size = CliOptions.Integer("--size", $"Matrix size n (n×n times n×n), at most {MaxSize}.", 1024, v => v is >= 1 and <= MaxSize, $"an integer from 1 to {MaxSize}");
        size.Aliases.Add("-n");
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object." };
        var command = new Command("selfcheck", "Check the packed SGEMM against the reference kernel and measure its GFLOP/s.") { size, json };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(size);
            RequireMemory(n);
            if (GlobalOptions.StopAfterValidation(parse))
            {
                return 0;
            }
            var results = Run(n);
            if (parse.GetValue(json))
            {
                Console.WriteLine(new JsonObject
                {
                    ["n"] = n,
                    ["cores"] = Environment.ProcessorCount,
                    ["results"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
                    {
                        ["width"] = r.Width.ToString(),
                        ["threads"] = r.Threads,
                        ["gflops"] = Math.Round(r.GflopsPerSecond, 1),
                        ["max_relative_error"] = r.MaxRelativeError,
                    }).ToArray()),
                }.ToJsonString());
            }
            else
            {
                Print(n, results);
            }
            return results.All(r => r.MaxRelativeError < 1e-4) ? 0 : CliErrors.Failed;
        });
        return command;
    }

    // The check holds three n×n float matrices (GemmSelfCheck.Run).
    private static void RequireMemory(int n)
    {
        var needed = 3L * n * n * sizeof(float);
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (needed > available)
        {
            throw new ArgumentException($"--size: {n} needs {needed >> 20} MiB for three {n}×{n} matrices; this process may use {available >> 20} MiB");
        }
    }

    private static List<GemmCheckResult> Run(int n)
    {
        var widths = new List<SimdWidth>();
        if (Vector512.IsHardwareAccelerated) widths.Add(SimdWidth.Vector512);
        if (Vector256.IsHardwareAccelerated) widths.Add(SimdWidth.Vector256);
        widths.Add(SimdWidth.Scalar);
        var threads = Environment.ProcessorCount == 1 ? new[] { 1 } : [1, Environment.ProcessorCount];
        var results = new List<GemmCheckResult>();
        foreach (var width in widths)
        {
            foreach (var t in threads)
            {
                results.Add(GemmSelfCheck.Run(width == SimdWidth.Scalar ? Math.Min(n, 512) : n, t, width));
            }
        }
        return results;
    }

    private static void Print(int n, List<GemmCheckResult> results)
    {
        var table = new Table().AddColumns("kernel", "n", "threads", "GFLOP/s", "max rel. error vs reference", "status");
        foreach (var r in results)
        {
            var ok = r.MaxRelativeError < 1e-4;
            table.AddRow(r.Width.ToString(), r.N.ToString(), r.Threads.ToString(), r.GflopsPerSecond.ToString("F1"),
                r.MaxRelativeError.ToString("E2"), ok ? "[green]ok[/]" : "[red]FAILED[/]");
        }
        AnsiConsole.MarkupLine($"SGEMM self-check, C = A·B with n = {n} ({Environment.ProcessorCount} cores)");
        AnsiConsole.Write(table);
    }
}
