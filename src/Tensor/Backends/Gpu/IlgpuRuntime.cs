using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using NativeDevice = ILGPU.Runtime.Device;

namespace Scratch.Backends.Gpu;

/// <summary>
/// The process's one ILGPU context, the accelerators it finds (CUDA, OpenCL, and ILGPU's CPU
/// accelerator, which simulates a GPU), and one <see cref="IlgpuBackend"/> per device, created on
/// first use. Device ordinals count within a kind, in ILGPU's enumeration order.
/// </summary>
internal static class IlgpuRuntime
{
    private static readonly Lazy<Context> s_context = new(CreateContext);
    private static readonly Lazy<IReadOnlyList<(Device Device, NativeDevice Native)>> s_devices = new(Enumerate);
    private static readonly ConcurrentDictionary<Device, Lazy<IlgpuBackend>> s_backends = new();

    /// <summary>
    /// Every ILGPU device in this process, CUDA first, then OpenCL, then the CPU accelerator; none in a native
    /// (ahead-of-time compiled) build, which cannot emit the code ILGPU generates for its kernels (docs/startup.md).
    /// </summary>
    public static IReadOnlyList<(Device Device, NativeDevice Native)> Devices => s_devices.Value;

    /// <summary>The backend for an ILGPU device, or null when no such device exists.</summary>
    public static IlgpuBackend? TryBackend(Device device)
    {
        if (!Devices.Any(d => d.Device == device))
        {
            return null;
        }
        return s_backends.GetOrAdd(device, d => new Lazy<IlgpuBackend>(() => CreateBackend(d))).Value;
    }

    /// <summary>The ILGPU device behind one of ours.</summary>
    public static NativeDevice Native(Device device) => Devices.First(d => d.Device == device).Native;

    private static Context CreateContext()
    {
        var context = Context.Create(builder => builder.Default().EnableAlgorithms());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown(context);
        return context;
    }

    private static IReadOnlyList<(Device, NativeDevice)> Enumerate()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return [];
        }
        var natives = s_context.Value.Devices;
        var result = new List<(Device, NativeDevice)>();
        foreach (var (type, kind) in new[] { (AcceleratorType.Cuda, DeviceKind.Cuda), (AcceleratorType.OpenCL, DeviceKind.OpenCL), (AcceleratorType.CPU, DeviceKind.IlgpuCpu) })
        {
            var ofType = natives.Where(d => d.AcceleratorType == type).ToArray();
            // The CPU accelerator is listed once: it is a simulator, not a second device.
            var count = kind == DeviceKind.IlgpuCpu ? Math.Min(1, ofType.Length) : ofType.Length;
            for (var i = 0; i < count; i++)
            {
                result.Add((new Device(kind, i), ofType[i]));
            }
        }
        return result;
    }

    private static IlgpuBackend CreateBackend(Device device)
    {
        var native = Native(device);
        var accelerator = native.CreateAccelerator(s_context.Value);
        return new IlgpuBackend(device, accelerator);
    }

    private static void Shutdown(Context context)
    {
        foreach (var backend in s_backends.Values.Where(b => b.IsValueCreated))
        {
            backend.Value.Dispose();
        }
        context.Dispose();
    }
}
