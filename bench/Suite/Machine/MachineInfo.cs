using System.Text.Json;

namespace Scratch.BenchSuite.Machine;

/// <summary>What the probe measured (rates in GFLOP/s and GB/s), written as results/machine.json.</summary>
public sealed record MachineInfo
{
    /// <summary>lscpu's model name.</summary>
    public string Cpu { get; init; } = "";

    /// <summary>lscpu's CPU family.</summary>
    public string Family { get; init; } = "";

    /// <summary>Cores the process may use.</summary>
    public int Cores { get; init; }

    /// <summary>The widest SIMD the runtime accelerates.</summary>
    public string Simd { get; init; } = "";

    /// <summary>Whether the CPU has AVX-512F.</summary>
    public bool Avx512 { get; init; }

    /// <summary>The measured clock.</summary>
    public double ClockGhz { get; init; }

    /// <summary>FP32 FMA peak of one core with Vector512 (0 without AVX-512).</summary>
    public double Fp32PeakV512PerCore { get; init; }

    /// <summary>FP32 FMA peak of one core with Vector256.</summary>
    public double Fp32PeakV256PerCore { get; init; }

    /// <summary>FP32 FMA peak with every core at once (the widest vectors).</summary>
    public double Fp32PeakAllCores { get; init; }

    /// <summary>Copy bandwidth (read + write) on one thread.</summary>
    public double CopyGBsOneThread { get; init; }

    /// <summary>Copy bandwidth (read + write) on every core.</summary>
    public double CopyGBsAllCores { get; init; }

    /// <summary>When it was measured.</summary>
    public string Date { get; init; } = "";

    /// <summary>The FP32 peak of one core at the widest width measured.</summary>
    public double PeakPerCore => Math.Max(Fp32PeakV512PerCore, Fp32PeakV256PerCore);

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>The record as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a machine.json.</summary>
    /// <exception cref="InvalidDataException">The file is not one.</exception>
    public static MachineInfo Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<MachineInfo>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path}: null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a machine description ({e.Message})", e);
        }
    }
}
