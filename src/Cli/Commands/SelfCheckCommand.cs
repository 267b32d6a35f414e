using System.CommandLine;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Scratch.Backends.Cpu;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary>
/// <c>scratch selfcheck</c>: checks our SGEMM against the reference kernel and measures its GFLOP/s on
/// every SIMD width this machine has, on one thread and on all cores.
/// </summary>
internal static class SelfCheckCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size", "-n") { Description = "Matrix size n (n×n times n×n).", DefaultValueFactory = _ => 1024 };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object." };
        var command = new Command("selfcheck", "Check the packed SGEMM against the reference kernel and measure its GFLOP/s.") { size, json };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(size);
            if (n < 1)
            {
                Console.Error.WriteLine($"--size must be >= 1, got {n}");
                return 2;
            }
            var results = Run(n);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    n,
                    cores = Environment.ProcessorCount,
                    results = results.Select(r => new
                    {
                        width = r.Width.ToString(),
                        threads = r.Threads,
                        gflops = Math.Round(r.GflopsPerSecond, 1),
                        max_relative_error = r.MaxRelativeError,
                    }),
                }));
            }
            else
            {
                Print(n, results);
            }
            return results.All(r => r.MaxRelativeError < 1e-4) ? 0 : 1;
        });
        return command;
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
