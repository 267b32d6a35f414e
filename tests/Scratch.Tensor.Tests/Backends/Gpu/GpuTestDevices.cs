using Scratch.Backends;
using Scratch.Tests.Support;

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

    /// <summary>
    /// Asserts that <paramref name="compute"/> gives on the device what it gives on the CPU backend and on
    /// the reference backend. <paramref name="compute"/> builds its inputs on the device it is given.
    /// </summary>
    public static void AgreesWithCpu(string device, Func<Device, Tensor> compute, double rtol = 1e-5, double atol = 1e-6)
    {
        var d = Device.Parse(device);
        var gpu = compute(d);
        Assert.Equal(d, gpu.Device);
        var host = gpu.To(Device.Cpu);
        TensorAssert.Close(compute(Device.Cpu), host, rtol, atol);
        TensorAssert.Close(compute(Device.Reference), host, rtol, atol);
    }

    /// <summary>Tolerances for a dtype: float32 kernels use GPU intrinsics and a different summation order.</summary>
    public static (double Rtol, double Atol) Tolerance(DType dtype) => dtype == DType.Float32 ? (2e-5, 2e-5) : (1e-12, 1e-12);

    /// <summary>A random tensor in a layout, built on a device.</summary>
    public static Tensor In(Device device, int[] shape, RandomTensors.Kind kind, int seed, DType dtype, double lo = -2, double hi = 2) =>
        RandomTensors.Make(shape, kind, seed, dtype, lo, hi, device);
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
