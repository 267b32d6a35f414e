using System.Diagnostics;
using Scratch.Backends.Cpu;

namespace Scratch.Bench.Tensor;

/// <summary>
/// The cache-blocking sweep behind the block sizes of <see cref="GemmBlocking"/>: SGEMM (AVX-512 kernel) at
/// n = 1024 and 2048 on 1 and 2 threads for each (kc, nc, mc) of a grid, best of several calls, with the blocking
/// that this machine's detected caches give marked; one-thread cells are timed by the thread's CPU time
/// (<see cref="ThreadCpuClock"/>), two-thread cells by the wall clock. Run:
/// <c>dotnet run -c Release --project bench/Scratch.Bench -- gemm-sweep [calls]</c>.
/// </summary>
public static unsafe class GemmBlockingSweep
{
    public static void Run(int calls)
    {
        var chosen = GemmBlocking.For(GemmKernel512<float>.MR, GemmKernel512<float>.NR, sizeof(float));
        var fallback = GemmBlocking.For(GemmKernel512<float>.MR, GemmKernel512<float>.NR, sizeof(float),
            new CacheSizes(32 * 1024, 512 * 1024, 8 * 1024 * 1024), Environment.ProcessorCount);
        Console.WriteLine($"caches: L1d {CpuCacheInfo.L1Data / 1024} KiB, L2 {CpuCacheInfo.L2 / 1024} KiB, " +
            $"L3 {CpuCacheInfo.L3 / 1024 / 1024} MiB ({CpuCacheInfo.Source}); chosen kc={chosen.Kc} nc={chosen.Nc} mc={chosen.Mc} (bold); " +
            $"the fallback caches' kc={fallback.Kc} nc={fallback.Nc} mc={fallback.Mc} (italic)");
        int[] kcs = [256, fallback.Kc, 512, 768];
        int[] ncs = [fallback.Nc, 256, 512];
        int[] mcs = [fallback.Mc, chosen.Mc];
        var blockings = kcs.SelectMany(kc => ncs.SelectMany(nc => mcs.Select(mc => new GemmBlocking(kc, mc, nc)))).Distinct().ToArray();
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
                // Three passes over the grid, each cell keeping its best: a burst of load from other processes then
                // spoils one pass of a cell, not the cell.
                var best = new double[blockings.Length];
                for (int pass = 0; pass < 3; pass++)
                {
                    for (int i = 0; i < blockings.Length; i++)
                    {
                        best[i] = Math.Max(best[i], 2.0 * n * n * n / Best(a, b, c, n, threads, blockings[i], calls) / 1e9);
                    }
                }

                Console.WriteLine($"| n={n} t={threads}: kc \\ nc,mc | " + string.Join(" | ", ncs.SelectMany(nc => mcs.Select(mc => $"{nc},{mc}"))) + " |");
                Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", ncs.Length * mcs.Length)));
                foreach (var kc in kcs.Distinct())
                {
                    var cells = ncs.SelectMany(nc => mcs.Select(mc =>
                    {
                        var blocking = new GemmBlocking(kc, mc, nc);
                        string value = $"{best[Array.IndexOf(blockings, blocking)]:F0}";
                        return blocking == chosen ? $"**{value}**" : blocking == fallback ? $"*{value}*" : value;
                    }));
                    Console.WriteLine($"| {kc} | " + string.Join(" | ", cells) + " |");
                }
                int top = Array.IndexOf(best, best.Max());
                Console.WriteLine($"best: kc={blockings[top].Kc} nc={blockings[top].Nc} mc={blockings[top].Mc} at {best[top]:F0} GFLOP/s; " +
                    $"chosen {best[Array.IndexOf(blockings, chosen)]:F0}");
            }
        }
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
                // One thread: its CPU time (the time it was descheduled left out); two: wall-clock time.
                long start = Stopwatch.GetTimestamp();
                double cpu = ThreadCpuClock.Seconds();
                GemmDriver<float, GemmKernel512<float>>.Run(call, source, threads, blocking);
                double elapsed = threads == 1 && cpu > 0 ? ThreadCpuClock.Seconds() - cpu : Stopwatch.GetElapsedTime(start).TotalSeconds;
                best = Math.Min(best, elapsed);
            }
            return best;
        }
    }
}
