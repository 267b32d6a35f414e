using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Scratch.Backends.Cpu;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary><c>scratch devices</c>: the devices tensors can live on (host backends and ILGPU accelerators).</summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List the devices tensors can live on: the CPU backends and every ILGPU accelerator.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("device", "name", "memory", "compute", "details");
            foreach (var d in Devices.List())
            {
                var details = d.Device.Kind switch
                {
                    DeviceKind.Cpu => CpuDetails(),
                    DeviceKind.Reference => "naive loops in float64: the ground truth for tests",
                    DeviceKind.IlgpuCpu => "ILGPU's CPU accelerator: simulates a GPU, slowly (for tests)",
                    _ => $"warp {d.WarpSize}, {d.MaxThreadsPerGroup} threads/group" + (d.IsPreferredGpu ? ", preferred GPU" : ""),
                };
                table.AddRow(d.Device.ToString(), Markup.Escape(d.Name), d.MemoryBytes > 0 ? $"{d.MemoryBytes / (1 << 20)} MiB" : "-",
                    Markup.Escape(d.ComputeCapability), Markup.Escape(details));
            }
            AnsiConsole.Write(table);
            if (!RuntimeFeature.IsDynamicCodeSupported)
            {
                AnsiConsole.MarkupLine("This is a native build (scripts/publish-native.sh): it has no GPU backend; run the dotnet build for --device gpu.");
            }
            else if (Devices.TryResolveGpu() is null)
            {
                AnsiConsole.MarkupLine("No CUDA or OpenCL GPU found: --device gpu is unavailable; ilgpu-cpu runs the GPU kernels on the CPU.");
            }
            return 0;
        });
        return command;
    }

    private static string CpuDetails()
    {
        var simd = Vector512.IsHardwareAccelerated ? "Vector512 (AVX-512)" : Vector256.IsHardwareAccelerated ? "Vector256 (AVX2)" : "scalar";
        return $"{Environment.ProcessorCount} cores, {simd}, L1d {CpuCacheInfo.L1Data / 1024} KiB, L2 {CpuCacheInfo.L2 / 1024} KiB, L3 {CpuCacheInfo.L3 / (1024 * 1024)} MiB ({CpuCacheInfo.Source})";
    }
}
