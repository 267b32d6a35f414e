using System.CommandLine;
using Scratch.Data.Sets;
using Scratch.Diagnostics;
using Scratch.Reproduce.DeviceCheck;

namespace Scratch.Cli.Commands;

/// <summary>
/// <c>scratch gpu-check</c>: every kernel on a GPU against the CPU, SGEMM and elementwise throughput, an
/// MNIST epoch and FGSM over the test set on both, as one markdown table (printed last, and written into --out). Exit code 0 only when
/// every comparison passes. The check is <see cref="GpuCheck"/>; its sections are the steps listed here.
/// </summary>
internal static class GpuCheckCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out", "-o") { Description = "Folder to write gpu-check.md into." };
        var small = new Option<bool>("--small") { Description = "Small sizes: seconds on ILGPU's CPU accelerator (for tests and machines without a GPU)." };
        var device = new Option<string?>("--device") { Description = "The GPU-kind device to check (cuda:N, opencl:N, ilgpu-cpu); default: the best GPU, else ilgpu-cpu." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder holding the MNIST IDX files (default: data/mnist beside the executable, else the data cache)." };
        var command = new Command("gpu-check", "Check every GPU kernel against the CPU and measure SGEMM, bandwidth and an MNIST epoch.") { output, small, device, dataDir };
        command.SetAction(parse =>
        {
            var log = (string line) => Console.Error.WriteLine(line);
            var context = new GpuCheckContext(
                parse.GetValue(device) is { } name ? Device.Parse(name) : GpuCheck.DefaultDevice(), parse.GetValue(small), log);
            var folder = parse.GetValue(dataDir);
            IGpuCheckStep[] steps =
            [
                new KernelComparisonStep(),
                new SgemmStep(),
                new BandwidthStep(),
                new MnistEpochStep(() => MnistFolder.Locate(folder, log)),
                new FgsmStep(() => MnistFolder.Locate(folder, log)),
            ];
            var report = GpuCheck.Run(context, steps);
            if (parse.GetValue(output) is { } outFolder)
            {
                log($"wrote {report.WriteMarkdown(Path.Combine(outFolder, "gpu-check.md"))}");
            }
            Console.Out.Write(report.ToMarkdown());
            return report.Passed ? 0 : CliErrors.Failed;
        });
        return command;
    }
}
