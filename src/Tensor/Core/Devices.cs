using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Scratch.Backends;
using Scratch.Backends.Gpu;

namespace Scratch;

/// <summary>
/// The devices of this process: the two host devices (cpu, reference) and every accelerator ILGPU
/// finds — CUDA GPUs, OpenCL devices, and ILGPU's CPU accelerator (a slow GPU simulator that lets
/// every GPU kernel be tested without a GPU). The preferred GPU is the first CUDA device, else the
/// first OpenCL device.
/// </summary>
public static class Devices
{
    /// <summary>Every device, host devices first, with what a user choosing one needs to know.</summary>
    public static IReadOnlyList<DeviceInfo> List()
    {
        var hostMemory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var preferred = TryResolveGpu();
        var list = new List<DeviceInfo>
        {
            new(Device.Cpu, $"host CPU, SIMD backend ({Environment.ProcessorCount} cores)", hostMemory, "host", 1, 1, false),
            new(Device.Reference, "host CPU, naive reference backend", hostMemory, "host", 1, 1, false),
        };
        foreach (var (device, native) in IlgpuRuntime.Devices)
        {
            var capability = native is CudaDevice cuda ? $"{cuda.Architecture?.Major}.{cuda.Architecture?.Minor}" : native.AcceleratorType.ToString();
            var memory = native.AcceleratorType == AcceleratorType.CPU ? hostMemory : native.MemorySize;
            list.Add(new(device, native.Name, memory, capability, native.WarpSize, native.MaxNumThreadsPerGroup, device == preferred));
        }
        return list;
    }

    /// <summary>The best GPU: the first CUDA device, else the first OpenCL device.</summary>
    /// <exception cref="ArgumentException">There is no GPU; the message lists the devices that exist.</exception>
    public static Device ResolveGpu() => TryResolveGpu() ?? throw new ArgumentException(
        $"no GPU found (no CUDA or OpenCL device); available devices: {string.Join(", ", BackendRegistry.Available())}");

    /// <summary>The best GPU, or null when there is none.</summary>
    public static Device? TryResolveGpu()
    {
        foreach (var kind in new[] { DeviceKind.Cuda, DeviceKind.OpenCL })
        {
            foreach (var (device, _) in IlgpuRuntime.Devices)
            {
                if (device.Kind == kind)
                {
                    return device;
                }
            }
        }
        return null;
    }

    /// <summary>Compiles every kernel of a GPU-kind device and returns the time it took (the first-call cost benchmarks should exclude).</summary>
    /// <exception cref="ArgumentException">The device is a host device or does not exist.</exception>
    public static TimeSpan WarmUp(Device device) => Gpu(device).WarmUp();

    /// <summary>Waits until every kernel queued on a GPU-kind device has finished (for timing).</summary>
    public static void Synchronize(Device device) => Gpu(device).Synchronize();

    /// <summary>The memory pool's figures for a GPU-kind device.</summary>
    public static DeviceMemoryStats MemoryStats(Device device)
    {
        var backend = Gpu(device);
        var pool = backend.Pool;
        return new DeviceMemoryStats(pool.LiveBytes, pool.CachedBytes, pool.CapacityBytes, pool.DeviceAllocations, backend.Kernels.Count);
    }

    /// <summary>Frees the cached (unused) buffers of a GPU-kind device's pool.</summary>
    public static void TrimMemory(Device device) => Gpu(device).Pool.Trim();

    private static IlgpuBackend Gpu(Device device) => BackendRegistry.For(device) as IlgpuBackend
        ?? throw new ArgumentException($"{device} is a host device; expected a GPU-kind device (cuda, opencl or ilgpu-cpu)", nameof(device));
}
