using Scratch.Backends;

namespace Scratch.Tests.Gpu;

/// <summary>
/// The GPU-kind devices every GPU test runs on: ILGPU's CPU accelerator always (so CI checks every
/// kernel), and each CUDA or OpenCL device that exists. Tests take the device as a string so that
/// xunit lists one case per device.
/// </summary>
public static class GpuTestDevices
{
    public static TheoryData<string> All => new(Names);

    /// <summary>The GPU-kind devices' names (ilgpu-cpu:0 always).</summary>
    public static IReadOnlyList<string> Names => [.. BackendRegistry.Available().Where(d => !d.IsHost).Select(d => d.ToString())];

    /// <summary>Whether a CUDA device exists in this process.</summary>
    public static bool HasCuda => BackendRegistry.Available().Any(d => d.Kind == DeviceKind.Cuda);
}

/// <summary>A test that needs a real CUDA device: skipped, saying why, when there is none (the only allowed skip).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!GpuTestDevices.HasCuda)
        {
            Skip = "no CUDA device in this process (ILGPU found none); the same kernels are tested on ilgpu-cpu";
        }
    }
}

/// <summary>GPU tests run one class at a time: they share accelerators, and the CPU accelerator's threads are few.</summary>
[CollectionDefinition("gpu", DisableParallelization = true)]
public sealed class GpuCollection;
