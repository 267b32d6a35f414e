using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// AVX-512 GEMM microkernel with a 12×(2 vectors) register tile: 12×32 floats or 12×16 doubles.
/// Twenty-four zmm accumulators, two B vectors and one broadcast of A fill 27 of the 32 zmm registers; per k it
/// issues 24 FMAs against 2 vector loads and 12 broadcasts, enough independent FMAs to cover the 4-cycle FMA latency
/// on two pipes. This is the row-major image of the BLIS Zen 4/Skylake-X kernels (32×12 column-major).
/// </summary>
internal readonly struct GemmKernel512<T> : IGemmMicroKernel<T> where T : unmanaged, INumber<T>
{
    public static int MR => 12;

    public static int NR => 2 * Vector512<T>.Count;

    /// <inheritdoc/>
    public static int RowStep => 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* pa, nint strideA, T* pb, nint strideB, T* c, nint ldc, T alpha, T beta)
    {
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default;
        Vector512<T> c80 = default, c81 = default, c90 = default, c91 = default;
        Vector512<T> c100 = default, c101 = default, c110 = default, c111 = default;
        for (int p = 0; p < kc; p++, pa += strideA, pb += strideB)
        {
            var b0 = Vector512.Load(pb);
            var b1 = Vector512.Load(pb + w);
            var a0 = Vector512.Create(pa[0]);
            c00 = SimdMath.Fma(a0, b0, c00);
            c01 = SimdMath.Fma(a0, b1, c01);
            var a1 = Vector512.Create(pa[1]);
            c10 = SimdMath.Fma(a1, b0, c10);
            c11 = SimdMath.Fma(a1, b1, c11);
            var a2 = Vector512.Create(pa[2]);
            c20 = SimdMath.Fma(a2, b0, c20);
            c21 = SimdMath.Fma(a2, b1, c21);
            var a3 = Vector512.Create(pa[3]);
            c30 = SimdMath.Fma(a3, b0, c30);
            c31 = SimdMath.Fma(a3, b1, c31);
            var a4 = Vector512.Create(pa[4]);
            c40 = SimdMath.Fma(a4, b0, c40);
            c41 = SimdMath.Fma(a4, b1, c41);
            var a5 = Vector512.Create(pa[5]);
            c50 = SimdMath.Fma(a5, b0, c50);
            c51 = SimdMath.Fma(a5, b1, c51);
            var a6 = Vector512.Create(pa[6]);
            c60 = SimdMath.Fma(a6, b0, c60);
            c61 = SimdMath.Fma(a6, b1, c61);
            var a7 = Vector512.Create(pa[7]);
            c70 = SimdMath.Fma(a7, b0, c70);
            c71 = SimdMath.Fma(a7, b1, c71);
            var a8 = Vector512.Create(pa[8]);
            c80 = SimdMath.Fma(a8, b0, c80);
            c81 = SimdMath.Fma(a8, b1, c81);
            var a9 = Vector512.Create(pa[9]);
            c90 = SimdMath.Fma(a9, b0, c90);
            c91 = SimdMath.Fma(a9, b1, c91);
            var a10 = Vector512.Create(pa[10]);
            c100 = SimdMath.Fma(a10, b0, c100);
            c101 = SimdMath.Fma(a10, b1, c101);
            var a11 = Vector512.Create(pa[11]);
            c110 = SimdMath.Fma(a11, b0, c110);
            c111 = SimdMath.Fma(a11, b1, c111);
        }

        var va = Vector512.Create(alpha);
        if (beta == T.Zero)
        {
            SimdMath.Store(c + 0 * ldc, w, va, c00, c01);
            SimdMath.Store(c + 1 * ldc, w, va, c10, c11);
            SimdMath.Store(c + 2 * ldc, w, va, c20, c21);
            SimdMath.Store(c + 3 * ldc, w, va, c30, c31);
            SimdMath.Store(c + 4 * ldc, w, va, c40, c41);
            SimdMath.Store(c + 5 * ldc, w, va, c50, c51);
            SimdMath.Store(c + 6 * ldc, w, va, c60, c61);
            SimdMath.Store(c + 7 * ldc, w, va, c70, c71);
            SimdMath.Store(c + 8 * ldc, w, va, c80, c81);
            SimdMath.Store(c + 9 * ldc, w, va, c90, c91);
            SimdMath.Store(c + 10 * ldc, w, va, c100, c101);
            SimdMath.Store(c + 11 * ldc, w, va, c110, c111);
        }
        else
        {
            var vb = Vector512.Create(beta);
            SimdMath.Store(c + 0 * ldc, w, va, vb, c00, c01);
            SimdMath.Store(c + 1 * ldc, w, va, vb, c10, c11);
            SimdMath.Store(c + 2 * ldc, w, va, vb, c20, c21);
            SimdMath.Store(c + 3 * ldc, w, va, vb, c30, c31);
            SimdMath.Store(c + 4 * ldc, w, va, vb, c40, c41);
            SimdMath.Store(c + 5 * ldc, w, va, vb, c50, c51);
            SimdMath.Store(c + 6 * ldc, w, va, vb, c60, c61);
            SimdMath.Store(c + 7 * ldc, w, va, vb, c70, c71);
            SimdMath.Store(c + 8 * ldc, w, va, vb, c80, c81);
            SimdMath.Store(c + 9 * ldc, w, va, vb, c90, c91);
            SimdMath.Store(c + 10 * ldc, w, va, vb, c100, c101);
            SimdMath.Store(c + 11 * ldc, w, va, vb, c110, c111);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Up to 4 rows with 8 accumulators, up to 8 with 16 (8 independent chains still cover the FMA latency on
    /// two pipes), else all 12.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunTopRows(int kc, int rows, T* pa, nint strideA, T* pb, nint strideB, T* tile)
    {
        if (rows > 8)
        {
            Run(kc, pa, strideA, pb, strideB, tile, NR, T.One, T.Zero);
        }
        else if (rows > 4)
        {
            RunTop8(kc, pa, strideA, pb, strideB, tile);
        }
        else
        {
            RunTop4(kc, pa, strideA, pb, strideB, tile);
        }
    }

    // The top 8 rows of Run's product into the tile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RunTop8(int kc, T* pa, nint strideA, T* pb, nint strideB, T* tile)
    {
        int w = Vector512<T>.Count;
        nint nr = 2 * w;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++, pa += strideA, pb += strideB)
        {
            var b0 = Vector512.Load(pb);
            var b1 = Vector512.Load(pb + w);
            var a0 = Vector512.Create(pa[0]);
            c00 = SimdMath.Fma(a0, b0, c00);
            c01 = SimdMath.Fma(a0, b1, c01);
            var a1 = Vector512.Create(pa[1]);
            c10 = SimdMath.Fma(a1, b0, c10);
            c11 = SimdMath.Fma(a1, b1, c11);
            var a2 = Vector512.Create(pa[2]);
            c20 = SimdMath.Fma(a2, b0, c20);
            c21 = SimdMath.Fma(a2, b1, c21);
            var a3 = Vector512.Create(pa[3]);
            c30 = SimdMath.Fma(a3, b0, c30);
            c31 = SimdMath.Fma(a3, b1, c31);
            var a4 = Vector512.Create(pa[4]);
            c40 = SimdMath.Fma(a4, b0, c40);
            c41 = SimdMath.Fma(a4, b1, c41);
            var a5 = Vector512.Create(pa[5]);
            c50 = SimdMath.Fma(a5, b0, c50);
            c51 = SimdMath.Fma(a5, b1, c51);
            var a6 = Vector512.Create(pa[6]);
            c60 = SimdMath.Fma(a6, b0, c60);
            c61 = SimdMath.Fma(a6, b1, c61);
            var a7 = Vector512.Create(pa[7]);
            c70 = SimdMath.Fma(a7, b0, c70);
            c71 = SimdMath.Fma(a7, b1, c71);
        }

        SimdMath.Store(tile, w, c00, c01);
        SimdMath.Store(tile + nr, w, c10, c11);
        SimdMath.Store(tile + 2 * nr, w, c20, c21);
        SimdMath.Store(tile + 3 * nr, w, c30, c31);
        SimdMath.Store(tile + 4 * nr, w, c40, c41);
        SimdMath.Store(tile + 5 * nr, w, c50, c51);
        SimdMath.Store(tile + 6 * nr, w, c60, c61);
        SimdMath.Store(tile + 7 * nr, w, c70, c71);
    }

    // The top 4 rows of Run's product into the tile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RunTop4(int kc, T* pa, nint strideA, T* pb, nint strideB, T* tile)
    {
        int w = Vector512<T>.Count;
        nint nr = 2 * w;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++, pa += strideA, pb += strideB)
        {
            var b0 = Vector512.Load(pb);
            var b1 = Vector512.Load(pb + w);
            var a0 = Vector512.Create(pa[0]);
            c00 = SimdMath.Fma(a0, b0, c00);
            c01 = SimdMath.Fma(a0, b1, c01);
            var a1 = Vector512.Create(pa[1]);
            c10 = SimdMath.Fma(a1, b0, c10);
            c11 = SimdMath.Fma(a1, b1, c11);
            var a2 = Vector512.Create(pa[2]);
            c20 = SimdMath.Fma(a2, b0, c20);
            c21 = SimdMath.Fma(a2, b1, c21);
            var a3 = Vector512.Create(pa[3]);
            c30 = SimdMath.Fma(a3, b0, c30);
            c31 = SimdMath.Fma(a3, b1, c31);
        }

        SimdMath.Store(tile, w, c00, c01);
        SimdMath.Store(tile + nr, w, c10, c11);
        SimdMath.Store(tile + 2 * nr, w, c20, c21);
        SimdMath.Store(tile + 3 * nr, w, c30, c31);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunLeftHalf(int kc, T* pa, nint strideA, T* pb, T* tile)
    {
        int w = Vector512<T>.Count;
        nint nr = 2 * w;
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<T> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        for (int p = 0; p < kc; p++, pa += strideA, pb += nr)
        {
            var b0 = Vector512.Load(pb);
            c0 = SimdMath.Fma(Vector512.Create(pa[0]), b0, c0);
            c1 = SimdMath.Fma(Vector512.Create(pa[1]), b0, c1);
            c2 = SimdMath.Fma(Vector512.Create(pa[2]), b0, c2);
            c3 = SimdMath.Fma(Vector512.Create(pa[3]), b0, c3);
            c4 = SimdMath.Fma(Vector512.Create(pa[4]), b0, c4);
            c5 = SimdMath.Fma(Vector512.Create(pa[5]), b0, c5);
            c6 = SimdMath.Fma(Vector512.Create(pa[6]), b0, c6);
            c7 = SimdMath.Fma(Vector512.Create(pa[7]), b0, c7);
            c8 = SimdMath.Fma(Vector512.Create(pa[8]), b0, c8);
            c9 = SimdMath.Fma(Vector512.Create(pa[9]), b0, c9);
            c10 = SimdMath.Fma(Vector512.Create(pa[10]), b0, c10);
            c11 = SimdMath.Fma(Vector512.Create(pa[11]), b0, c11);
        }

        Vector512.Store(c0, tile);
        Vector512.Store(c1, tile + nr);
        Vector512.Store(c2, tile + 2 * nr);
        Vector512.Store(c3, tile + 3 * nr);
        Vector512.Store(c4, tile + 4 * nr);
        Vector512.Store(c5, tile + 5 * nr);
        Vector512.Store(c6, tile + 6 * nr);
        Vector512.Store(c7, tile + 7 * nr);
        Vector512.Store(c8, tile + 8 * nr);
        Vector512.Store(c9, tile + 9 * nr);
        Vector512.Store(c10, tile + 10 * nr);
        Vector512.Store(c11, tile + 11 * nr);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunLeftQuarter(int kc, T* pa, nint strideA, T* pb, T* tile)
    {
        nint nr = 2 * Vector512<T>.Count;
        Vector256<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector256<T> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        for (int p = 0; p < kc; p++, pa += strideA, pb += nr)
        {
            var b0 = Vector256.Load(pb);
            c0 = SimdMath.Fma(Vector256.Create(pa[0]), b0, c0);
            c1 = SimdMath.Fma(Vector256.Create(pa[1]), b0, c1);
            c2 = SimdMath.Fma(Vector256.Create(pa[2]), b0, c2);
            c3 = SimdMath.Fma(Vector256.Create(pa[3]), b0, c3);
            c4 = SimdMath.Fma(Vector256.Create(pa[4]), b0, c4);
            c5 = SimdMath.Fma(Vector256.Create(pa[5]), b0, c5);
            c6 = SimdMath.Fma(Vector256.Create(pa[6]), b0, c6);
            c7 = SimdMath.Fma(Vector256.Create(pa[7]), b0, c7);
            c8 = SimdMath.Fma(Vector256.Create(pa[8]), b0, c8);
            c9 = SimdMath.Fma(Vector256.Create(pa[9]), b0, c9);
            c10 = SimdMath.Fma(Vector256.Create(pa[10]), b0, c10);
            c11 = SimdMath.Fma(Vector256.Create(pa[11]), b0, c11);
        }

        Vector256.Store(c0, tile);
        Vector256.Store(c1, tile + nr);
        Vector256.Store(c2, tile + 2 * nr);
        Vector256.Store(c3, tile + 3 * nr);
        Vector256.Store(c4, tile + 4 * nr);
        Vector256.Store(c5, tile + 5 * nr);
        Vector256.Store(c6, tile + 6 * nr);
        Vector256.Store(c7, tile + 7 * nr);
        Vector256.Store(c8, tile + 8 * nr);
        Vector256.Store(c9, tile + 9 * nr);
        Vector256.Store(c10, tile + 10 * nr);
        Vector256.Store(c11, tile + 11 * nr);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// For float the tile is computed transposed: per k, the sliver's twelve A values are two loads (rows 0–7 and 8–11)
    /// and each of the four B values multiplies both into its column's accumulators, 8 fused multiply-adds per k
    /// instead of the quarter kernel's 12 (on full-width AVX-512 a Vector256 costs what a Vector512 does, so fewer
    /// instructions is the only saving). Each element is the same chain fma(a, b, c) over k from zero. Double runs
    /// <see cref="RunLeftQuarter"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunLeftEighth(int kc, T* pa, nint strideA, T* pb, T* tile)
    {
        if (typeof(T) != typeof(float))
        {
            RunLeftQuarter(kc, pa, strideA, pb, tile);
            return;
        }

        float* a = (float*)pa, b = (float*)pb;
        nint nr = NR;
        Vector256<float> r0 = default, r1 = default, r2 = default, r3 = default;
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (int p = 0; p < kc; p++, a += strideA, b += nr)
        {
            var lo = Vector256.Load(a);
            var hi = Vector128.Load(a + 8);
            r0 = Vector256.FusedMultiplyAdd(lo, Vector256.Create(b[0]), r0);
            s0 = Vector128.FusedMultiplyAdd(hi, Vector128.Create(b[0]), s0);
            r1 = Vector256.FusedMultiplyAdd(lo, Vector256.Create(b[1]), r1);
            s1 = Vector128.FusedMultiplyAdd(hi, Vector128.Create(b[1]), s1);
            r2 = Vector256.FusedMultiplyAdd(lo, Vector256.Create(b[2]), r2);
            s2 = Vector128.FusedMultiplyAdd(hi, Vector128.Create(b[2]), s2);
            r3 = Vector256.FusedMultiplyAdd(lo, Vector256.Create(b[3]), r3);
            s3 = Vector128.FusedMultiplyAdd(hi, Vector128.Create(b[3]), s3);
        }

        // Column j's twelve rows into the tile's column j.
        float* columns = stackalloc float[4 * 12];
        Vector256.Store(r0, columns);
        Vector128.Store(s0, columns + 8);
        Vector256.Store(r1, columns + 12);
        Vector128.Store(s1, columns + 20);
        Vector256.Store(r2, columns + 24);
        Vector128.Store(s2, columns + 32);
        Vector256.Store(r3, columns + 36);
        Vector128.Store(s3, columns + 44);
        float* t = (float*)tile;
        for (int i = 0; i < 12; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                t[i * nr + j] = columns[j * 12 + i];
            }
        }
    }
}
