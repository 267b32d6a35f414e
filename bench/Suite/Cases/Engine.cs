using System.Runtime.Intrinsics;

namespace Scratch.BenchSuite.Cases;

/// <summary>Where Scratch runs a case: the CPU backend (its SIMD width set by the runtime), the naive reference backend, or a GPU.</summary>
public sealed record Engine(string Name, Device Device)
{
    /// <summary>Whether this is the naive reference backend (small sizes only).</summary>
    public bool IsReference => Device.Kind == DeviceKind.Reference;

    /// <summary>Whether this is a GPU (ILGPU) device.</summary>
    public bool IsGpu => Device.Kind is DeviceKind.Cuda or DeviceKind.OpenCL;

    /// <summary>
    /// The engine named on the command line: "scratch" (named scratch-v512 or scratch-v256 after the width the
    /// runtime allows; DOTNET_PreferredVectorBitWidth=256 forces the Vector256 paths), "reference", or "gpu"
    /// (null when no CUDA or OpenCL device exists).
    /// </summary>
    /// <exception cref="ArgumentException">The name is none of these.</exception>
    public static Engine? Parse(string name) => name switch
    {
        "scratch" => new Engine(Vector512.IsHardwareAccelerated ? "scratch-v512" : "scratch-v256", Device.Cpu),
        "reference" => new Engine("reference", Device.Reference),
        "gpu" => Devices.TryResolveGpu() is { } gpu ? new Engine("scratch-gpu", gpu) : null,
        _ => throw new ArgumentException($"engine '{name}'; expected scratch, reference or gpu", nameof(name)),
    };

    /// <summary>Waits for the device (a no-op on the CPU).</summary>
    public void Synchronize()
    {
        if (IsGpu)
        {
            Devices.Synchronize(Device);
        }
    }
}
