using ILGPU.Runtime.Cuda;
using Scratch.Backends.Gpu;

namespace Scratch.Diagnostics;

/// <summary>The theoretical peaks of a CUDA device, from what the driver reports; null where they cannot be derived.</summary>
public static class DevicePeak
{
    /// <summary>
    /// FP32 peak in GFLOP/s: 2 FLOP per fused multiply-add × FP32 cores per multiprocessor × multiprocessors × clock.
    /// Null for a device that is not CUDA or whose architecture is not in the table (the CUDA C Programming
    /// Guide's "Arithmetic Instructions" throughput table).
    /// </summary>
    public static double? Fp32Gflops(Device device) =>
        Cuda(device) is { Architecture: { } arch } cuda && CoresPerMultiprocessor(arch.Major, arch.Minor) is > 0 and var cores
            ? 2.0 * cores * cuda.NumMultiprocessors * (cuda.ClockRate * 1e3) / 1e9
            : null;

    /// <summary>Peak memory bandwidth in GB/s: 2 transfers per memory clock × bus width in bytes. Null for a non-CUDA device.</summary>
    public static double? MemoryGBs(Device device) =>
        Cuda(device) is { MemoryClockRate: > 0, MemoryBusWidth: > 0 } cuda
            ? 2.0 * (cuda.MemoryClockRate * 1e3) * (cuda.MemoryBusWidth / 8.0) / 1e9
            : null;

    /// <summary>The CUDA driver's version and the device's compute capability, or null for a non-CUDA device.</summary>
    public static string? CudaDescription(Device device) => Cuda(device) is { } cuda
        ? $"compute capability {cuda.Architecture?.Major}.{cuda.Architecture?.Minor}, {cuda.NumMultiprocessors} multiprocessors at {cuda.ClockRate / 1000} MHz, "
          + $"CUDA driver API {cuda.DriverVersion.Major}.{cuda.DriverVersion.Minor}"
        : null;

    private static CudaDevice? Cuda(Device device) =>
        device.Kind == DeviceKind.Cuda && IlgpuRuntime.Devices.Any(d => d.Device == device) ? IlgpuRuntime.Native(device) as CudaDevice : null;

    private static int CoresPerMultiprocessor(int major, int minor) => (major, minor) switch
    {
        (7, 0) or (7, 5) or (8, 0) => 64,
        (8, 6) or (8, 7) or (8, 9) or (9, 0) or (10, _) or (12, _) => 128,
        _ => 0,
    };
}
