using System.CommandLine;
using System.Runtime.Intrinsics;
using Scratch.Backends.Cpu;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary><c>scratch devices</c>: the devices tensors can live on, with what the CPU backend will use.</summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List the devices tensors can live on and the CPU's SIMD and cache facts.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("device", "backend", "details");
            table.AddRow("cpu", "SIMD (TensorPrimitives, packed GEMM)", Markup.Escape(CpuDetails()));
            table.AddRow("reference", "naive loops (ground truth for tests)", "single-threaded, computes in float64");
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static string CpuDetails()
    {
        var simd = Vector512.IsHardwareAccelerated ? "Vector512 (AVX-512)" : Vector256.IsHardwareAccelerated ? "Vector256 (AVX2)" : "scalar";
        return $"{Environment.ProcessorCount} cores, {simd}, L1d {CpuCacheInfo.L1Data / 1024} KiB, L2 {CpuCacheInfo.L2 / 1024} KiB, L3 {CpuCacheInfo.L3 / (1024 * 1024)} MiB";
    }
}
