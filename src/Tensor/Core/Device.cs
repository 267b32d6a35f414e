using System.Globalization;

namespace Scratch;

/// <summary>The kinds of device a tensor can live on.</summary>
public enum DeviceKind
{
    /// <summary>The host CPU with the SIMD backend (TensorPrimitives, our packed GEMM).</summary>
    Cpu,

    /// <summary>The host CPU with the naive reference backend: plain loops, the ground truth for tests.</summary>
    Reference,

    /// <summary>An NVIDIA GPU through ILGPU's CUDA accelerator.</summary>
    Cuda,

    /// <summary>An OpenCL device through ILGPU.</summary>
    OpenCL,

    /// <summary>ILGPU's CPU accelerator, which simulates a GPU (slowly) so that GPU kernels are testable anywhere.</summary>
    IlgpuCpu,
}

/// <summary>A device: a kind and an ordinal among the devices of that kind.</summary>
/// <param name="Kind">The kind of device.</param>
/// <param name="Index">The ordinal, 0 for the host devices.</param>
public readonly record struct Device(DeviceKind Kind, int Index = 0)
{
    /// <summary>The host CPU with the SIMD backend.</summary>
    public static Device Cpu => new(DeviceKind.Cpu);

    /// <summary>The host CPU with the naive reference backend.</summary>
    public static Device Reference => new(DeviceKind.Reference);

    /// <summary>Whether tensors on this device live in host memory (managed arrays).</summary>
    public bool IsHost => Kind is DeviceKind.Cpu or DeviceKind.Reference;

    /// <summary>
    /// Parses "cpu", "reference", "cuda", "cuda:1", "opencl:0", "ilgpu-cpu", "ilgpu-cpu:0", or "gpu" (the
    /// best GPU: CUDA, else OpenCL), ignoring case and surrounding spaces. The host devices take no
    /// ordinal; an ordinal is ASCII digits only.
    /// </summary>
    /// <exception cref="ArgumentException">The text names no known device kind, has a bad or unexpected ordinal, or is "gpu" where there is none.</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("gpu", StringComparison.OrdinalIgnoreCase))
        {
            return Devices.ResolveGpu();
        }
        var parts = text.Trim().ToLowerInvariant().Split(':');
        var kind = parts[0] switch
        {
            "cpu" => DeviceKind.Cpu,
            "reference" => DeviceKind.Reference,
            "cuda" => DeviceKind.Cuda,
            "opencl" => DeviceKind.OpenCL,
            "ilgpu-cpu" => DeviceKind.IlgpuCpu,
            _ => throw new ArgumentException(
                $"unknown device '{text}'; expected cpu, reference, gpu, cuda[:N], opencl[:N] or ilgpu-cpu[:N]", nameof(text)),
        };
        if (parts.Length == 1)
        {
            return new Device(kind);
        }
        if (kind is DeviceKind.Cpu or DeviceKind.Reference)
        {
            throw new ArgumentException($"device '{text}': {parts[0]} takes no ordinal; expected '{parts[0]}'", nameof(text));
        }
        if (parts.Length > 2 || parts[1].Length == 0 || !parts[1].All(char.IsAsciiDigit)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new ArgumentException($"bad device ordinal in '{text}'; expected a non-negative integer after ':'", nameof(text));
        }
        return new Device(kind, index);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Reference => "reference",
        DeviceKind.Cuda => $"cuda:{Index}",
        DeviceKind.OpenCL => $"opencl:{Index}",
        DeviceKind.IlgpuCpu => $"ilgpu-cpu:{Index}",
        _ => $"{Kind}:{Index}",
    };
}
