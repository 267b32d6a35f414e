using System.Globalization;
using System.Runtime.InteropServices;
using Scratch.Backends;

namespace Scratch.Diagnostics;

/// <summary>
/// The GPU check behind <c>scratch gpu-check</c>: lists the devices (CUDA first, and why there is none when
/// there is none), compiles every kernel of the device under test and reports that time apart, then runs
/// the given steps (kernel comparisons, throughput, training, ...) and collects their rows. A step that
/// throws becomes a failed row, so one broken part does not hide the others.
/// </summary>
public static class GpuCheck
{
    /// <summary>The device a check runs on when none is named: the best GPU, else ILGPU's CPU accelerator.</summary>
    public static Device DefaultDevice()
    {
        try
        {
            return Devices.TryResolveGpu() ?? new Device(DeviceKind.IlgpuCpu);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ILGPU could not enumerate its devices; the device section of Run reports the same error as a failed row.
            return new Device(DeviceKind.IlgpuCpu);
        }
    }

    /// <summary>Runs the device list, the warm-up and then <paramref name="steps"/> in order.</summary>
    /// <exception cref="ArgumentException">The device is a host device (cpu, reference): there is nothing to compare with the CPU.</exception>
    public static GpuCheckReport Run(GpuCheckContext context, IReadOnlyList<IGpuCheckStep> steps)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(steps);
        var device = context.Device;
        if (device.IsHost)
        {
            throw new ArgumentException($"gpu-check: device {device} is a host device; expected a GPU-kind device (cuda[:N], opencl[:N] or ilgpu-cpu)", nameof(context));
        }
        var report = new GpuCheckReport(context);
        if (!Guarded(report, "devices", () => ListDevices(report)))
        {
            return report;
        }
        if (!BackendRegistry.Available().Contains(device))
        {
            report.Add("devices", device.ToString(), "not available", $"available devices: {string.Join(", ", BackendRegistry.Available())}", CheckStatus.Fail);
            return report;
        }
        if (device.Kind == DeviceKind.IlgpuCpu && !context.Small)
        {
            report.Add("devices", device.ToString(), "refused without --small",
                "ILGPU's CPU accelerator simulates a GPU thread by thread: the representative sizes would take hours; run with small sizes, or make a CUDA device visible", CheckStatus.Fail);
            return report;
        }
        if (!Guarded(report, "warm-up", () => WarmUp(report)))
        {
            return report;
        }
        foreach (var step in steps)
        {
            context.Log($"== {step.Section}");
            Guarded(report, step.Section, () => step.Run(context, report));
        }
        return report;
    }

    // A diagnostic must report what broke and go on: any exception from a step (a driver error, a kernel
    // that fails to compile for this GPU) becomes a failed row naming it.
    private static bool Guarded(GpuCheckReport report, string section, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            report.Add(section, "error", e.GetType().Name, e.Message, CheckStatus.Fail);
            return false;
        }
    }

    private static void ListDevices(GpuCheckReport report)
    {
        report.Add("devices", "host", $"{Environment.ProcessorCount} cores", $"{RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; {RuntimeInformation.ProcessArchitecture}");
        var list = Devices.List().OrderBy(d => Rank(d.Device.Kind)).ToList();
        foreach (var d in list)
        {
            var memory = d.MemoryBytes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{d.MemoryBytes / (double)(1L << 30):F1} GiB") : "memory unknown";
            var details = DevicePeak.CudaDescription(d.Device) ?? d.ComputeCapability;
            var role = d.Device == report.Context.Device ? "; device under test" : "";
            var threads = d.Device.IsHost ? "" : $", warp {d.WarpSize}, {d.MaxThreadsPerGroup} threads per group";
            report.Add("devices", d.Device.ToString(), d.Name, $"{memory}, {details}{threads}{role}");
        }
        if (list.All(d => d.Device.Kind != DeviceKind.Cuda))
        {
            report.Add("devices", "cuda", "no CUDA device found", CudaDriverProbe.Describe());
        }
    }

    private static int Rank(DeviceKind kind) => kind switch
    {
        DeviceKind.Cuda => 0,
        DeviceKind.OpenCL => 1,
        DeviceKind.IlgpuCpu => 2,
        DeviceKind.Cpu => 3,
        _ => 4,
    };

    private static void WarmUp(GpuCheckReport report)
    {
        var device = report.Context.Device;
        var compile = Devices.WarmUp(device);
        var kernels = Devices.MemoryStats(device).CompiledKernels;
        report.Add("warm-up", "kernel compilation", TimingStats.Format(compile.TotalSeconds),
            $"first use of every kernel: {kernels} kernels compiled for {device} (each op once per dtype on tiny inputs); excluded from every time below");
    }
}
