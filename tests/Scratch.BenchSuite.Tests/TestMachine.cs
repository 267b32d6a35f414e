using Scratch.BenchSuite.Machine;

namespace Scratch.BenchSuite.Tests;

/// <summary>The machine the report tests write about: round figures, so that expected percentages are easy to check.</summary>
internal static class TestMachine
{
    /// <summary>A 2-core AVX-512 machine at 4 GHz with a 200 GFLOP/s one-core peak and 20 GB/s one-thread copy.</summary>
    public static readonly MachineInfo Info = new()
    {
        Cpu = "Test CPU", Family = "26", Cores = 2, Simd = "AVX-512 (Vector512)", Avx512 = true, ClockGhz = 4,
        Fp32PeakV512PerCore = 200, Fp32PeakV256PerCore = 100, Fp32PeakAllCores = 400, CopyGBsOneThread = 20, CopyGBsAllCores = 30,
        Date = "2026-12-05 12:00 UTC",
    };
}
