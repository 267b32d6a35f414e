using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The element-type-generic GEMM behind <see cref="Gemm"/>: validation, the trivial cases (empty C, k = 0,
/// alpha = 0), choosing the microkernel and the thread count, and the strided batch loop.
/// </summary>
internal static unsafe class GemmEngine
{
    /// <summary>
    /// Flops per thread below which a call uses fewer threads (2 threads from 2·2^22 flops, e.g. 128×100×328; a
    /// batched call below it runs its entries one per thread). Alone in a loop, two threads ran 1.6× faster than one from
    /// 100×100×100 up (bench/Scratch.Bench -- gemm-threads), but inside a training step the second thread reads
    /// operands the first one wrote and writes results the first one reads next, and on the 2-core Zen 5 of 7 Dec 2026
    /// a cache line took ≈ 235 ns to cross between the cores: with the 128×100×100 products of the MLP step on one
    /// thread, its epoch ran 170–184 against 181–190 ms (six alternating pairs, every one faster; docs/training.md).
    /// </summary>
    private const long ParallelFlopThreshold = 1L << 22;

    /// <summary>Maps <see cref="SimdWidth.Auto"/> to the widest accelerated width and rejects unavailable widths.</summary>
    public static SimdWidth ResolveWidth(SimdWidth width) => width switch
    {
        SimdWidth.Auto => Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
            : Vector256.IsHardwareAccelerated && Fma.IsSupported ? SimdWidth.Vector256 : SimdWidth.Scalar,
        SimdWidth.Vector512 when !Vector512.IsHardwareAccelerated => throw new ArgumentException(
            "SimdWidth.Vector512 was requested, but Vector512 is not hardware-accelerated on this machine " +
            "(no AVX-512, or the runtime disabled it); use SimdWidth.Auto, Vector256 or Scalar.", "options"),
        SimdWidth.Vector256 when !(Vector256.IsHardwareAccelerated && Fma.IsSupported) => throw new ArgumentException(
            "SimdWidth.Vector256 was requested, but Vector256 with FMA is not hardware-accelerated on this machine " +
            "(no AVX2/FMA); use SimdWidth.Auto or Scalar.", "options"),
        SimdWidth.Vector512 or SimdWidth.Vector256 or SimdWidth.Scalar => width,
        _ => throw new ArgumentOutOfRangeException("options", width, "GemmOptions.Width is not a SimdWidth value."),
    };

    /// <summary>
    /// The thread limit implied by the options: 0 means one per logical core, and more threads than cores are not
    /// used (the thread team's barriers spin, so oversubscribing the cores would only slow it down).
    /// </summary>
    public static int ResolveThreads(GemmOptions options)
    {
        if (options.MaxThreads < 0)
        {
            throw new ArgumentOutOfRangeException("options", options.MaxThreads,
                "GemmOptions.MaxThreads must be non-negative (0 = all cores).");
        }

        return options.MaxThreads == 0 ? Environment.ProcessorCount : Math.Min(options.MaxThreads, Environment.ProcessorCount);
    }

    public static void Multiply<T>(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc, GemmOptions? options)
        where T : unmanaged, INumber<T>
    {
        GemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        options ??= GemmOptions.Default;
        var width = ResolveWidth(options.Width);
        int threads = ResolveThreads(options);
        fixed (T* pa = a, pb = b, pc = c)
        {
            var call = new GemmCall<T>(transA == GemmTranspose.Transpose, transB == GemmTranspose.Transpose,
                m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            Run(call, width, threads);
        }
    }

    public static void MultiplyBatched<T>(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, long strideA, ReadOnlySpan<T> b, int ldb, long strideB,
        T beta, Span<T> c, int ldc, long strideC, int batchCount, GemmOptions? options)
        where T : unmanaged, INumber<T>
    {
        GemmArguments.ValidateBatched(transA, transB, m, n, k, a.Length, lda, strideA, b.Length, ldb, strideB,
            c.Length, ldc, strideC, batchCount);
        options ??= GemmOptions.Default;
        var width = ResolveWidth(options.Width);
        int threads = ResolveThreads(options);
        fixed (T* pa = a, pb = b, pc = c)
        {
            var call = new GemmCall<T>(transA == GemmTranspose.Transpose, transB == GemmTranspose.Transpose,
                m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            long flops = 2L * m * n * k;
            if (threads > 1 && batchCount > 1 && flops < ParallelFlopThreshold)
            {
                RunEntriesInParallel(call, strideA, strideB, strideC, batchCount, threads, width);
            }
            else
            {
                for (long i = 0; i < batchCount; i++)
                {
                    Run(call.WithPointers(call.A + i * strideA, call.B + i * strideB, call.C + i * strideC), width, threads);
                }
            }
        }
    }

    // Small matrices: one thread per batch entry instead of splitting each matrix. A method of its own, so that the
    // closure over the call is allocated only when this path runs, not at every product.
    private static void RunEntriesInParallel<T>(GemmCall<T> call, long strideA, long strideB, long strideC, int batchCount,
        int threads, SimdWidth width) where T : unmanaged, INumber<T> =>
        CpuParallel.Run(batchCount, threads, i =>
            Run(call.WithPointers(call.A + i * strideA, call.B + i * strideB, call.C + i * strideC), width, 1));

    /// <summary>Runs one validated problem with the given microkernel width and thread limit.</summary>
    public static void Run<T>(in GemmCall<T> call, SimdWidth width, int threads) where T : unmanaged, INumber<T>
    {
        if (call.M == 1 && call.N > 0 && call.K > 0 && call.Alpha != T.Zero && width != SimdWidth.Scalar)
        {
            // One row: no packing, the same on every thread count (see GemmRowVector).
            int kc = width == SimdWidth.Vector512
                ? GemmDriver<T, GemmKernel512<T>>.SliceDepth(call.K)
                : GemmDriver<T, GemmKernel256<T>>.SliceDepth(call.K);
            GemmRowVector.Run(call, width, kc);
            return;
        }

        Run(call, new GemmStridedB<T>(call.B, call.Ldb, call.TransB), width, threads);
    }

    /// <summary>
    /// Runs one validated problem whose op(B) is packed by <paramref name="source"/> (the call's B, ldb and transB
    /// are unused), with the given microkernel width and thread limit.
    /// </summary>
    public static void Run<T, TB>(in GemmCall<T> call, TB source, SimdWidth width, int threads)
        where T : unmanaged, INumber<T>
        where TB : struct, IGemmBSource<T>
    {
        if (call.M == 0 || call.N == 0)
        {
            return;
        }

        if (call.K == 0 || call.Alpha == T.Zero)
        {
            // BLAS semantics: op(A)·op(B) is not evaluated, C = beta·C (beta = 0 clears C without reading it).
            ScaleC(call);
            return;
        }

        long flops = 2L * call.M * call.N * call.K;
        threads = (int)Math.Clamp(flops / ParallelFlopThreshold, 1, threads);
        switch (width)
        {
            case SimdWidth.Vector512:
                GemmDriver<T, GemmKernel512<T>>.Run(call, source, threads);
                break;
            case SimdWidth.Vector256:
                GemmDriver<T, GemmKernel256<T>>.Run(call, source, threads);
                break;
            default:
                GemmDriver<T, GemmKernelScalar<T>>.Run(call, source, threads);
                break;
        }
    }

    /// <summary>
    /// Runs one validated problem on the calling thread with every tile of alpha·op(A)·op(B) added to
    /// <paramref name="target"/> (the call's beta, C and ldc unused); nothing is added when m, n or k is 0 or alpha is 0.
    /// </summary>
    public static void RunToTarget<T, TC>(in GemmCall<T> call, TC target, SimdWidth width)
        where T : unmanaged, INumber<T>
        where TC : struct, IGemmCTarget<T>
    {
        if (call.M == 0 || call.N == 0 || call.K == 0 || call.Alpha == T.Zero)
        {
            return;
        }

        var source = new GemmStridedB<T>(call.B, call.Ldb, call.TransB);
        switch (width)
        {
            case SimdWidth.Vector512:
                GemmDriver<T, GemmKernel512<T>>.RunToTarget(call, source, target);
                break;
            case SimdWidth.Vector256:
                GemmDriver<T, GemmKernel256<T>>.RunToTarget(call, source, target);
                break;
            default:
                GemmDriver<T, GemmKernelScalar<T>>.RunToTarget(call, source, target);
                break;
        }
    }

    private static void ScaleC<T>(in GemmCall<T> call) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < call.M; i++)
        {
            var row = new Span<T>(call.C + i * call.Ldc, call.N);
            if (call.Beta == T.Zero)
            {
                row.Clear();
            }
            else if (call.Beta != T.One)
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] *= call.Beta;
                }
            }
        }
    }
}
