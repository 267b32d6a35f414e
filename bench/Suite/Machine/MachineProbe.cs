using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.BenchSuite.Machine;

/// <summary>
/// The machine's limits, measured: the clock from a chain of dependent integer xors and adds (one cycle each), the FP32 FMA
/// peak of one core from independent Vector512 and Vector256 FMA chains (more chains than the FMA latency times the
/// FMA units, so throughput, not latency, bounds them), the same on every core at once, and memory bandwidth from a
/// copy of 256 MiB (bytes read plus bytes written per second), on one thread and on every core.
/// </summary>
public static class MachineProbe
{
    // Where each probe stores its result, so that the JIT cannot drop the work as dead.
    private static double _sink;

    /// <summary>Runs every probe (a few seconds) and returns what it measured; each figure is the best of 40 short runs (1 ms or so: on a shared machine a short run is likelier to have its core to itself), copies the best of 5.</summary>
    public static MachineInfo Measure()
    {
        int cores = Environment.ProcessorCount;
        double clock = Best(40, ClockGhz);
        double fma512 = Avx512F.IsSupported ? Best(40, () => Fma512(1 << 20)) : 0;
        double fma256 = Fma.IsSupported ? Best(40, () => Fma256(1 << 20)) : 0;
        double fmaAll = Best(40, () => OnEveryCore(cores, () => Avx512F.IsSupported ? Fma512(1 << 20) : Fma256(1 << 20)));
        var (copyOne, copyAll) = CopyBandwidth(cores);
        return new MachineInfo
        {
            Cpu = CpuInfo.ModelName(), Family = CpuInfo.Family(), Cores = cores,
            Simd = Vector512.IsHardwareAccelerated ? "AVX-512 (Vector512)" : Vector256.IsHardwareAccelerated ? "AVX2 (Vector256)" : "scalar",
            Avx512 = Avx512F.IsSupported, ClockGhz = clock, Fp32PeakV512PerCore = fma512, Fp32PeakV256PerCore = fma256,
            Fp32PeakAllCores = fmaAll, CopyGBsOneThread = copyOne, CopyGBsAllCores = copyAll,
            Date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"),
        };
    }

    private static double Best(int repeats, Func<double> probe) => Enumerable.Range(0, repeats).Max(_ => probe());

    private static double OnEveryCore(int cores, Func<double> probe)
    {
        var rates = new double[cores];
        Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, i => rates[i] = probe());
        return rates.Sum();
    }

    // 2²² iterations of 8 dependent (xor, add) pairs: each operation waits one cycle for the one before.
    private static double ClockGhz()
    {
        const int Iterations = 1 << 18;
        ulong seed = (ulong)Environment.TickCount64 | 1;
        var clock = Stopwatch.StartNew();
        ulong x = XorAddChain(Iterations, seed, seed >> 3 | 5);
        double seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref _sink, x);
        return 16.0 * Iterations / seconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong XorAddChain(int iterations, ulong x, ulong c)
    {
        for (int i = 0; i < iterations; i++)
        {
            x = (x ^ c) + c; x = (x ^ c) + c; x = (x ^ c) + c; x = (x ^ c) + c;
            x = (x ^ c) + c; x = (x ^ c) + c; x = (x ^ c) + c; x = (x ^ c) + c;
        }
        return x;
    }

    // 16 lanes per FMA, 2 FLOP per lane: timed around a loop that calls nothing (so its chains stay in registers).
    private static double Fma512(int iterations)
    {
        var clock = Stopwatch.StartNew();
        var sum = Fma512Chains(iterations, Vector512.Create(0.999999f), Vector512.Create(1e-7f));
        double seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref _sink, sum.ToScalar());
        return 12.0 * 2 * 16 * iterations / seconds / 1e9;
    }

    // 12 independent accumulators, each a chain of FMAs: more chains than FMA latency × FMA units.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static Vector512<float> Fma512Chains(int iterations, Vector512<float> a, Vector512<float> b)
    {
        Vector512<float> s0 = a, s1 = a + b, s2 = a - b, s3 = a * a, s4 = a + a, s5 = b, s6 = a * b, s7 = b + b, s8 = a / 2, s9 = a / 3, s10 = a / 4, s11 = a / 5;
        for (int i = 0; i < iterations; i++)
        {
            s0 = Avx512F.FusedMultiplyAdd(s0, a, b); s1 = Avx512F.FusedMultiplyAdd(s1, a, b); s2 = Avx512F.FusedMultiplyAdd(s2, a, b); s3 = Avx512F.FusedMultiplyAdd(s3, a, b);
            s4 = Avx512F.FusedMultiplyAdd(s4, a, b); s5 = Avx512F.FusedMultiplyAdd(s5, a, b); s6 = Avx512F.FusedMultiplyAdd(s6, a, b); s7 = Avx512F.FusedMultiplyAdd(s7, a, b);
            s8 = Avx512F.FusedMultiplyAdd(s8, a, b); s9 = Avx512F.FusedMultiplyAdd(s9, a, b); s10 = Avx512F.FusedMultiplyAdd(s10, a, b); s11 = Avx512F.FusedMultiplyAdd(s11, a, b);
        }
        return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11;
    }

    // 8 lanes per FMA, 2 FLOP per lane: timed around a loop that calls nothing (so its chains stay in registers).
    private static double Fma256(int iterations)
    {
        var clock = Stopwatch.StartNew();
        var sum = Fma256Chains(iterations, Vector256.Create(0.999999f), Vector256.Create(1e-7f));
        double seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref _sink, sum.ToScalar());
        return 12.0 * 2 * 8 * iterations / seconds / 1e9;
    }

    // 12 independent accumulators, each a chain of FMAs: more chains than FMA latency × FMA units.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static Vector256<float> Fma256Chains(int iterations, Vector256<float> a, Vector256<float> b)
    {
        Vector256<float> s0 = a, s1 = a + b, s2 = a - b, s3 = a * a, s4 = a + a, s5 = b, s6 = a * b, s7 = b + b, s8 = a / 2, s9 = a / 3, s10 = a / 4, s11 = a / 5;
        for (int i = 0; i < iterations; i++)
        {
            s0 = Fma.MultiplyAdd(s0, a, b); s1 = Fma.MultiplyAdd(s1, a, b); s2 = Fma.MultiplyAdd(s2, a, b); s3 = Fma.MultiplyAdd(s3, a, b);
            s4 = Fma.MultiplyAdd(s4, a, b); s5 = Fma.MultiplyAdd(s5, a, b); s6 = Fma.MultiplyAdd(s6, a, b); s7 = Fma.MultiplyAdd(s7, a, b);
            s8 = Fma.MultiplyAdd(s8, a, b); s9 = Fma.MultiplyAdd(s9, a, b); s10 = Fma.MultiplyAdd(s10, a, b); s11 = Fma.MultiplyAdd(s11, a, b);
        }
        return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11;
    }

    // Copies 256 MiB (2 · 256 MiB moved), best of 5, on one thread and split over every core.
    private static (double One, double All) CopyBandwidth(int cores)
    {
        const int Length = 1 << 28;
        var source = GC.AllocateUninitializedArray<byte>(Length);
        var target = GC.AllocateUninitializedArray<byte>(Length);
        Array.Fill(source, (byte)1);
        Array.Fill(target, (byte)2);
        double Copy(int threads)
        {
            var clock = Stopwatch.StartNew();
            int chunk = Length / threads;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads },
                t => source.AsSpan(t * chunk, chunk).CopyTo(target.AsSpan(t * chunk, chunk)));
            return 2.0 * Length / clock.Elapsed.TotalSeconds / 1e9;
        }
        return (Best(5, () => Copy(1)), Best(5, () => Copy(cores)));
    }
}
