using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// AVX2 GEMM microkernel with a 6×(2 vectors) register tile: 6×16 floats or 6×8 doubles, the BLIS Haswell shape.
/// Twelve ymm accumulators, two B vectors and one broadcast of A fit AVX2's 16 ymm registers.
/// </summary>
internal readonly struct GemmKernel256<T> : IGemmMicroKernel<T> where T : unmanaged, INumber<T>
{
    public static int MR => 6;

    public static int NR => 2 * Vector256<T>.Count;

    /// <inheritdoc/>
    public static int RowStep => 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* pa, nint strideA, T* pb, nint strideB, T* c, nint ldc, T alpha, T beta)
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<T> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector256<T> c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, pa += strideA, pb += strideB)
        {
            var b0 = Vector256.Load(pb);
            var b1 = Vector256.Load(pb + w);
            var a0 = Vector256.Create(pa[0]);
            c00 = SimdMath.Fma(a0, b0, c00);
            c01 = SimdMath.Fma(a0, b1, c01);
            var a1 = Vector256.Create(pa[1]);
            c10 = SimdMath.Fma(a1, b0, c10);
            c11 = SimdMath.Fma(a1, b1, c11);
            var a2 = Vector256.Create(pa[2]);
            c20 = SimdMath.Fma(a2, b0, c20);
            c21 = SimdMath.Fma(a2, b1, c21);
            var a3 = Vector256.Create(pa[3]);
            c30 = SimdMath.Fma(a3, b0, c30);
            c31 = SimdMath.Fma(a3, b1, c31);
            var a4 = Vector256.Create(pa[4]);
            c40 = SimdMath.Fma(a4, b0, c40);
            c41 = SimdMath.Fma(a4, b1, c41);
            var a5 = Vector256.Create(pa[5]);
            c50 = SimdMath.Fma(a5, b0, c50);
            c51 = SimdMath.Fma(a5, b1, c51);
        }

        var va = Vector256.Create(alpha);
        if (beta == T.Zero)
        {
            SimdMath.Store(c + 0 * ldc, w, va, c00, c01);
            SimdMath.Store(c + 1 * ldc, w, va, c10, c11);
            SimdMath.Store(c + 2 * ldc, w, va, c20, c21);
            SimdMath.Store(c + 3 * ldc, w, va, c30, c31);
            SimdMath.Store(c + 4 * ldc, w, va, c40, c41);
            SimdMath.Store(c + 5 * ldc, w, va, c50, c51);
        }
        else
        {
            var vb = Vector256.Create(beta);
            SimdMath.Store(c + 0 * ldc, w, va, vb, c00, c01);
            SimdMath.Store(c + 1 * ldc, w, va, vb, c10, c11);
            SimdMath.Store(c + 2 * ldc, w, va, vb, c20, c21);
            SimdMath.Store(c + 3 * ldc, w, va, vb, c30, c31);
            SimdMath.Store(c + 4 * ldc, w, va, vb, c40, c41);
            SimdMath.Store(c + 5 * ldc, w, va, vb, c50, c51);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Up to 2 rows with 4 accumulators, up to 4 with 8, else all 6.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunTopRows(int kc, int rows, T* pa, nint strideA, T* pb, nint strideB, T* tile)
    {
        if (rows > 4)
        {
            Run(kc, pa, strideA, pb, strideB, tile, NR, T.One, T.Zero);
        }
        else if (rows > 2)
        {
            RunTop4(kc, pa, strideA, pb, strideB, tile);
        }
        else
        {
            RunTop2(kc, pa, strideA, pb, strideB, tile);
        }
    }

    // The top 4 rows of Run's product into the tile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RunTop4(int kc, T* pa, nint strideA, T* pb, nint strideB, T* tile)
    {
        int w = Vector256<T>.Count;
        nint nr = 2 * w;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<T> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++, pa += strideA, pb += strideB)
        {
            var b0 = Vector256.Load(pb);
            var b1 = Vector256.Load(pb + w);
            var a0 = Vector256.Create(pa[0]);
            c00 = SimdMath.Fma(a0, b0, c00);
            c01 = SimdMath.Fma(a0, b1, c01);
            var a1 = Vector256.Create(pa[1]);
            c10 = SimdMath.Fma(a1, b0, c10);
            c11 = SimdMath.Fma(a1, b1, c11);
            var a2 = Vector256.Create(pa[2]);
            c20 = SimdMath.Fma(a2, b0, c20);
            c21 = SimdMath.Fma(a2, b1, c21);
            var a3 = Vector256.Create(pa[3]);
            c30 = SimdMath.Fma(a3, b0, c30);
            c31 = SimdMath.Fma(a3, b1, c31);
        }

        SimdMath.Store(tile, w, c00, c01);
        SimdMath.Store(tile + nr, w, c10, c11);
        SimdMath.Store(tile + 2 * nr, w, c20, c21);
        SimdMath.Store(tile + 3 * nr, w, c30, c31);
    }

    // The top 2 rows of Run's product into the tile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RunTop2(int kc, T* pa, nint strideA, T* pb, nint strideB, T* tile)
    {
        int w = Vector256<T>.Count;
        nint nr = 2 * w;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default;
        for (int p = 0; p < kc; p++, pa += strideA, pb += strideB)
        {
            var b0 = Vector256.Load(pb);
            var b1 = Vector256.Load(pb + w);
            var a0 = Vector256.Create(pa[0]);
            c00 = SimdMath.Fma(a0, b0, c00);
            c01 = SimdMath.Fma(a0, b1, c01);
            var a1 = Vector256.Create(pa[1]);
            c10 = SimdMath.Fma(a1, b0, c10);
            c11 = SimdMath.Fma(a1, b1, c11);
        }

        SimdMath.Store(tile, w, c00, c01);
        SimdMath.Store(tile + nr, w, c10, c11);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunLeftHalf(int kc, T* pa, nint strideA, T* pb, T* tile)
    {
        int w = Vector256<T>.Count;
        nint nr = 2 * w;
        Vector256<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        for (int p = 0; p < kc; p++, pa += strideA, pb += nr)
        {
            var b0 = Vector256.Load(pb);
            c0 = SimdMath.Fma(Vector256.Create(pa[0]), b0, c0);
            c1 = SimdMath.Fma(Vector256.Create(pa[1]), b0, c1);
            c2 = SimdMath.Fma(Vector256.Create(pa[2]), b0, c2);
            c3 = SimdMath.Fma(Vector256.Create(pa[3]), b0, c3);
            c4 = SimdMath.Fma(Vector256.Create(pa[4]), b0, c4);
            c5 = SimdMath.Fma(Vector256.Create(pa[5]), b0, c5);
        }

        Vector256.Store(c0, tile);
        Vector256.Store(c1, tile + nr);
        Vector256.Store(c2, tile + 2 * nr);
        Vector256.Store(c3, tile + 3 * nr);
        Vector256.Store(c4, tile + 4 * nr);
        Vector256.Store(c5, tile + 5 * nr);
    }

    /// <inheritdoc/>
    public static unsafe void RunLeftQuarter(int kc, T* pa, nint strideA, T* pb, T* tile) => RunLeftHalf(kc, pa, strideA, pb, tile);

    /// <inheritdoc/>
    public static unsafe void RunLeftEighth(int kc, T* pa, nint strideA, T* pb, T* tile) => RunLeftQuarter(kc, pa, strideA, pb, tile);
}
