using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.Reproduce;

/// <summary>The machine a run happened on, for the report: CPU model, cores, SIMD width, OS and runtime.</summary>
public sealed record MachineInfo(string Cpu, int Cores, string Simd, string OperatingSystem, string Runtime)
{
    /// <summary>This machine.</summary>
    public static MachineInfo Current() => new(CpuModel(), Environment.ProcessorCount,
        Vector512.IsHardwareAccelerated ? "AVX-512 (Vector512)" : Vector256.IsHardwareAccelerated ? "AVX2 (Vector256)" : $"{Vector<byte>.Count * 8}-bit",
        RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);

    /// <summary>"AMD EPYC, 2 cores, AVX-512 (Vector512), Linux …, .NET 10.0.0".</summary>
    public override string ToString() => $"{Cpu}, {Cores} cores, {Simd}, {OperatingSystem}, {Runtime}";

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
        var lines = File.ReadLines(cpuinfo).ToArray();
        string? Field(string key) => lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        var model = Field("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var family = Field("cpu family");
        return family is null ? model : $"{model} (family {family}, model {Field("model")})";
    }
}
