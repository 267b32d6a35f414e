namespace Scratch;

/// <summary>What <see cref="Devices.List"/> reports about one device.</summary>
/// <param name="Device">The device, as tensors name it (<c>cuda:0</c>, <c>ilgpu-cpu:0</c>, <c>cpu</c>).</param>
/// <param name="Name">The driver's or runtime's name for it.</param>
/// <param name="MemoryBytes">Its memory: device memory for a GPU, the memory available to this process for host devices.</param>
/// <param name="ComputeCapability">The CUDA compute capability (e.g. "8.6"), the kind of device otherwise.</param>
/// <param name="WarpSize">Threads per warp (1 for host devices).</param>
/// <param name="MaxThreadsPerGroup">The largest thread group a kernel can use (1 for host devices).</param>
/// <param name="IsPreferredGpu">Whether <c>Device.Parse("gpu")</c> picks this device.</param>
public sealed record DeviceInfo(
    Device Device,
    string Name,
    long MemoryBytes,
    string ComputeCapability,
    int WarpSize,
    int MaxThreadsPerGroup,
    bool IsPreferredGpu);

/// <summary>A device pool's use of memory, for benchmarks and leak checks.</summary>
/// <param name="LiveBytes">Bytes in buffers held by tensors now.</param>
/// <param name="CachedBytes">Bytes in free buffers kept for reuse.</param>
/// <param name="CapacityBytes">The most the pool will hold.</param>
/// <param name="DeviceAllocations">How many buffers were allocated on the device so far (the rest were reused).</param>
/// <param name="CompiledKernels">How many kernels have been compiled for the device so far.</param>
public sealed record DeviceMemoryStats(long LiveBytes, long CachedBytes, long CapacityBytes, long DeviceAllocations, int CompiledKernels);
