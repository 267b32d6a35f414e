using System.Diagnostics;
using Scratch.Backends.Cpu;

namespace Scratch.Bench.Tensor;

/// <summary>
/// The cache-blocking sweep behind the block sizes of <see cref="GemmBlocking"/>: SGEMM (AVX-512 kernel) at
/// n = 1024 and 2048 on 1 and 2 threads for each (kc, nc, mc) of a grid, best of several calls, with the blocking
/// that this machine's detected caches give marked. Run:
/// <c>dotnet run -c Release --project bench/Scratch.Bench -- gemm-sweep [calls]</c>.
/// </summary>
public static unsafe class GemmBlockingSweep
{
    public static void Run(int calls)
    {
        var chosen = GemmBlocking.For(GemmKernel512<float>.MR, GemmKernel512<float>.NR, sizeof(float));
        Console.WriteLine($"caches: L1d {CpuCacheInfo.L1Data / 1024} KiB, L2 {CpuCacheInfo.L2 / 1024} KiB, " +
            $"L3 {CpuCacheInfo.L3 / 1024 / 1024} MiB ({CpuCacheInfo.Source}); chosen kc={chosen.Kc} nc={chosen.Nc} mc={chosen.Mc}");
        int[] kcs = [256, 336, 384, 512, 768];
        int[] ncs = [192, 256, 384, 512, 1024];
        int[] mcs = [480, 1560, 4092];
        foreach (var n in new[] { 1024, 2048 })
        {
            var random = new Random(3);
            var a = new float[n * n];
            var b = new float[n * n];
            var c = new float[n * n];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = (float)random.NextDouble();
                b[i] = (float)random.NextDouble();
            }

            foreach (var threads in new[] { 1, 2 })
            {
                Console.WriteLine($"| n={n} t={threads} kc \\ nc,mc | " + string.Join(" | ", ncs.SelectMany(nc => mcs.Select(mc => $"{nc},{mc}"))) + " |");
                foreach (var kc in kcs)
                {
                    var cells = new List<string>();
                    foreach (var nc in ncs)
                    {
                        foreach (var mc in mcs)
                        {
                            var blocking = new GemmBlocking(kc, mc, nc);
                            double gflops = 2.0 * n * n * n / Best(a, b, c, n, threads, blocking, calls) / 1e9;
                            bool isChosen = blocking == chosen;
                            cells.Add(isChosen ? $"**{gflops:F0}**" : $"{gflops:F0}");
                        }
                    }
                    Console.WriteLine($"| {kc} | " + string.Join(" | ", cells) + " |");
                }
            }
        }
        Console.WriteLine($"chosen blocking: kc={chosen.Kc} nc={chosen.Nc} mc={chosen.Mc}; bold if in the grid");
    }

    /// <summary>
    /// The sweep behind <c>GemmEngine.ParallelFlopThreshold</c>: square products and the linear layers' shapes on one
    /// and on two threads forced (the engine's flop threshold bypassed), best of many calls each.
    /// </summary>
    public static void RunThreads(int calls)
    {
        var blocking = GemmBlocking.For(GemmKernel512<float>.MR, GemmKernel512<float>.NR, sizeof(float));
        var times = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            GemmThreadTeam.TryRun(2, _ => { });
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds * 1e6;
        }
        Array.Sort(times);
        Console.WriteLine($"empty team run: min {times[0]:F2} µs, median {times[calls / 2]:F2} µs, 90% {times[calls * 9 / 10]:F2} µs");
        Console.WriteLine("| m×n×k | MFLOP | 1 thread µs | 2 threads µs | 2 threads gain |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        (int M, int N, int K)[] shapes = [(32, 32, 32), (48, 48, 48), (64, 64, 64), (80, 80, 80), (100, 100, 100), (128, 100, 100),
            (128, 128, 128), (160, 160, 160), (128, 256, 100), (200, 200, 200), (128, 784, 100), (256, 256, 256)];
        foreach (var (m, n, k) in shapes)
        {
            var random = new Random(3);
            var a = new float[m * k];
            var b = new float[k * n];
            var c = new float[m * n];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = (float)random.NextDouble();
            }
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = (float)random.NextDouble();
            }
            double one = Best(a, b, c, m, n, k, 1, blocking, calls), two = Best(a, b, c, m, n, k, 2, blocking, calls);
            Console.WriteLine($"| {m}×{n}×{k} | {2.0 * m * n * k / 1e6:F2} | {one * 1e6:F1} | {two * 1e6:F1} | {one / two:F2}× |");
        }
    }

    private static double Best(float[] a, float[] b, float[] c, int n, int threads, GemmBlocking blocking, int calls) =>
        Best(a, b, c, n, n, n, threads, blocking, calls);

    private static double Best(float[] a, float[] b, float[] c, int m, int n, int k, int threads, GemmBlocking blocking, int calls)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            var call = new GemmCall<float>(false, false, m, n, k, 1f, pa, k, pb, n, 0f, pc, n);
            var source = new GemmStridedB<float>(pb, n, false);
            GemmDriver<float, GemmKernel512<float>>.Run(call, source, threads, blocking);
            double best = double.MaxValue;
            for (int i = 0; i < calls; i++)
            {
                long start = Stopwatch.GetTimestamp();
                GemmDriver<float, GemmKernel512<float>>.Run(call, source, threads, blocking);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            return best;
        }
    }
}
