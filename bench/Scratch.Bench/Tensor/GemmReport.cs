using System.Diagnostics;
using Scratch.Backends.Cpu;
using Scratch.Bench.Training;

namespace Scratch.Bench.Tensor;

/// <summary>
/// A quick stopwatch table of the GEMM shapes that training and the attacks run, for before/after comparisons in
/// one sitting (BenchmarkDotNet takes minutes per shape): <c>dotnet run -c Release --project bench/Scratch.Bench --
/// gemm-report [rounds]</c> prints, per shape and thread count, the best time of several calls and its GFLOP/s;
/// <c>train-report</c> times one MLP epoch and one conv-net step (the work of <see cref="MlpEpochBenchmark"/>),
/// <c>conv-report</c> the three kernels of the conv net's two convolutions.
/// bench/gemm/openblas.py times the same shapes with numpy's OpenBLAS. The best of many calls, not the mean: the
/// machine is shared, and the minimum is the figure least disturbed by the neighbours; one-thread rows also give
/// the rate by the thread's CPU time (<see cref="ThreadCpuClock"/>), which leaves out the time it was descheduled.
/// </summary>
public static class GemmReport
{
    /// <summary>The shapes: name, transA, transB, m, n, k.</summary>
    public static readonly (string Name, bool TransA, bool TransB, int M, int N, int K)[] Shapes =
    [
        ("sgemm n=256", false, false, 256, 256, 256),
        ("sgemm n=1024", false, false, 1024, 1024, 1024),
        ("sgemm n=2048", false, false, 2048, 2048, 2048),
        ("linear fwd 128x784->100 (x.Wt)", false, true, 128, 100, 784),
        ("linear fwd 1000x784->100 (x.Wt)", false, true, 1000, 100, 784),
        ("linear fwd 128x100->100 (x.Wt)", false, true, 128, 100, 100),
        ("linear fwd 1x784->100 (x.Wt)", false, true, 1, 100, 784),
        ("linear dX 128x100 . 100x784", false, false, 128, 784, 100),
        ("linear dW 100x128t . 128x784", true, false, 100, 784, 128),
        ("linear dX 1x100 . 100x784", false, false, 1, 784, 100),
        ("square 100x100x100", false, false, 100, 100, 100),
    ];

    public static void Run(int rounds)
    {
        Console.WriteLine("| shape | threads | best µs | GFLOP/s | 1 thread: GFLOP/s by CPU time |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, ta, tb, m, n, k) in Shapes)
        {
            var random = new Random(7);
            var a = Fill(random, (long)m * k);
            var b = Fill(random, (long)k * n);
            var c = new float[(long)m * n];
            foreach (var threads in new[] { 1, 2 })
            {
                var options = new GemmOptions { MaxThreads = threads };
                void Call() => Gemm.Multiply(ta ? GemmTranspose.Transpose : GemmTranspose.None, tb ? GemmTranspose.Transpose : GemmTranspose.None,
                    m, n, k, 1f, a, ta ? m : k, b, tb ? k : n, 0f, c, n, options);
                double flops = 2.0 * m * n * k;
                int calls = (int)Math.Clamp(2e10 * rounds / 10 / flops, 5, 20000);
                var (best, cpu) = BestOf(Call, calls);
                string byCpu = threads == 1 && cpu > 0 ? $"{flops / cpu / 1e9:F1}" : "";
                Console.WriteLine($"| {name} | {threads} | {best * 1e6:F1} | {flops / best / 1e9:F1} | {byCpu} |");
            }
        }
    }

    /// <summary>One MLP epoch (best of <paramref name="rounds"/>) and one conv step (best of 10·rounds).</summary>
    public static void RunTraining(int rounds)
    {
        var bench = new MlpEpochBenchmark();
        bench.Setup();
        bench.MlpEpoch();
        double epoch = Best(() => bench.MlpEpoch(), rounds);
        bench.ConvStep();
        double step = Best(() => bench.ConvStep(), rounds) / 10;
        Console.WriteLine($"MLP epoch (784-100-100-10, batch 128): {epoch:F3} s");
        Console.WriteLine($"conv step (batch 128): {step * 1e3:F1} ms");
    }

    /// <summary>The conv net's two convolutions, batch 128: forward, input gradient and weight gradient, best of many calls.</summary>
    public static void RunConv(int rounds)
    {
        Console.WriteLine("| layer | kernel | threads | best ms |");
        Console.WriteLine("|---|---|---:|---:|");
        var layers = new[]
        {
            ("conv1 1->32 5x5 28x28", new Conv2dGeometry(128, 1, 28, 28, 32, 5, 5, 1, 1, 0, 0)),
            ("conv2 32->64 5x5 12x12", new Conv2dGeometry(128, 32, 12, 12, 64, 5, 5, 1, 1, 0, 0)),
        };
        foreach (var (name, g) in layers)
        {
            var random = new Random(1);
            var x = Fill(random, g.InputLength);
            var w = Fill(random, g.WeightLength);
            var bias = Fill(random, g.OutChannels);
            var dy = Fill(random, g.OutputLength);
            var y = new float[g.OutputLength];
            var dx = new float[g.InputLength];
            var dw = new float[g.WeightLength];
            var db = new float[g.OutChannels];
            foreach (var threads in new[] { 1, 2 })
            {
                var options = new GemmOptions { MaxThreads = threads };
                int calls = 10 * rounds;
                Console.WriteLine($"| {name} | forward | {threads} | {Best(() => Conv2dKernels.Forward(g, x, w, bias, y, options), calls) * 1e3:F2} |");
                Console.WriteLine($"| {name} | input grad | {threads} | {Best(() => Conv2dKernels.BackwardInput(g, dy, w, dx, options), calls) * 1e3:F2} |");
                Console.WriteLine($"| {name} | weight grad | {threads} | {Best(() => Conv2dKernels.BackwardWeight(g, x, dy, dw, db, options), calls) * 1e3:F2} |");
            }
        }
    }

    private static double Best(Action call, int calls) => BestOf(call, calls).Wall;

    /// <summary>The best wall-clock time and the best CPU time of the calling thread over the calls.</summary>
    private static (double Wall, double Cpu) BestOf(Action call, int calls)
    {
        call();
        double wall = double.MaxValue, cpu = double.MaxValue;
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            double cpuStart = ThreadCpuClock.Seconds();
            call();
            cpu = Math.Min(cpu, ThreadCpuClock.Seconds() - cpuStart);
            wall = Math.Min(wall, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return (wall, cpu);
    }

    private static float[] Fill(Random random, long count)
    {
        var data = new float[count];
        for (long i = 0; i < count; i++)
        {
            data[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return data;
    }
}
