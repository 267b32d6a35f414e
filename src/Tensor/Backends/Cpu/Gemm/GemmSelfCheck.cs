using System.Diagnostics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// A quick health check of the float GEMM for the command line: one random n×n SGEMM compared with the
/// reference on sampled entries (a full reference product is O(n³) scalar work, too slow at n = 1024), then a few
/// timed repetitions.
/// </summary>
public static class GemmSelfCheck
{
    /// <summary>The largest n whose n×n matrices fit one array (n² ≤ <see cref="Array.MaxLength"/>).</summary>
    public const int MaxSize = 46_340;

    private const int Samples = 64;
    private const int Repetitions = 5;

    /// <summary>Multiplies two seeded random n×n float matrices, checks sampled entries and reports GFLOP/s.</summary>
    /// <param name="n">Matrix size, from 1 to <see cref="MaxSize"/>.</param>
    /// <param name="threads">Thread limit (0 = all cores).</param>
    /// <param name="width">SIMD width; <see cref="SimdWidth.Auto"/> picks the widest available.</param>
    /// <returns>The largest relative error over the sampled entries and the best-of-five speed.</returns>
    public static GemmCheckResult Run(int n, int threads, SimdWidth width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxSize);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        var options = new GemmOptions { MaxThreads = threads, Width = GemmEngine.ResolveWidth(width) };
        var random = new Random(1234);
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)(random.NextDouble() * 2 - 1);
            b[i] = (float)(random.NextDouble() * 2 - 1);
        }

        Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, n, n, n, 1f, a, n, b, n, 0f, c, n, options);
        double maxError = 0;
        for (int s = 0; s < Samples; s++)
        {
            int i = random.Next(n), j = random.Next(n);
            double exact = 0, magnitude = 0;
            for (int p = 0; p < n; p++)
            {
                exact += (double)a[i * n + p] * b[p * n + j];
                magnitude += Math.Abs((double)a[i * n + p] * b[p * n + j]);
            }

            // Relative to Σ|a·b|, the scale that bounds the rounding error of a dot product.
            maxError = Math.Max(maxError, Math.Abs(c[i * n + j] - exact) / Math.Max(magnitude, double.Epsilon));
        }

        double best = double.MaxValue;
        for (int r = 0; r < Repetitions; r++)
        {
            long start = Stopwatch.GetTimestamp();
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, n, n, n, 1f, a, n, b, n, 0f, c, n, options);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return new GemmCheckResult(n, threads, options.Width, maxError, 2.0 * n * n * n / best / 1e9, best);
    }
}
