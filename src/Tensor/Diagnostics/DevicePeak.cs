using ILGPU.Runtime.Cuda;
using Scratch.Backends.Gpu;

namespace Scratch.Diagnostics;

/// <summary>
/// The theoretical peaks of a CUDA device, from what the driver reports (ILGPU gives the clock rates in MHz);
/// null where they cannot be derived.
/// </summary>
public static class DevicePeak
{
    /// <summary>The FP32 peak of a CUDA device in GFLOP/s (see the other overload), or null.</summary>
    public static double? Fp32Gflops(Device device) =>
        Cuda(device) is { Architecture: { } arch } cuda ? Fp32Gflops(arch.Major, arch.Minor, cuda.NumMultiprocessors, cuda.ClockRate) : null;

    /// <summary>
    /// FP32 peak in GFLOP/s: 2 FLOP per fused multiply-add × FP32 cores per multiprocessor × multiprocessors × clock
    /// (an H100 SXM: 2 × 128 × 132 × 1.98 GHz = 66.9 TFLOP/s). Null for a compute capability not in the table
    /// (the CUDA C++ Programming Guide's arithmetic-throughput table: 64 FP32 lanes per multiprocessor on 7.0,
    /// 7.5 and 8.0; 128 on 8.6, 8.7, 8.9, 9.0, 10.x and 12.x).
    /// </summary>
    public static double? Fp32Gflops(int major, int minor, int multiprocessors, int clockMhz) =>
        CoresPerMultiprocessor(major, minor) is > 0 and var cores ? 2.0 * cores * multiprocessors * clockMhz / 1e3 : null;

    /// <summary>The memory bandwidth peak of a CUDA device in GB/s (see the other overload), or null.</summary>
    public static double? MemoryGBs(Device device) =>
        Cuda(device) is { MemoryClockRate: > 0, MemoryBusWidth: > 0 } cuda ? MemoryGBs(cuda.MemoryClockRate, cuda.MemoryBusWidth) : null;

    /// <summary>
    /// Peak memory bandwidth in GB/s: 2 transfers per memory clock × bus width in bytes (an H100 SXM: 2 × 2.619 GHz ×
    /// 640 bytes = 3.35 TB/s).
    /// </summary>
    public static double MemoryGBs(int memoryClockMhz, int busWidthBits) => 2.0 * memoryClockMhz * (busWidthBits / 8.0) / 1e3;

    /// <summary>The CUDA driver's version and the device's compute capability, or null for a non-CUDA device.</summary>
    public static string? CudaDescription(Device device) => Cuda(device) is { } cuda
        ? $"compute capability {cuda.Architecture?.Major}.{cuda.Architecture?.Minor}, {cuda.NumMultiprocessors} multiprocessors at {cuda.ClockRate} MHz, "
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
