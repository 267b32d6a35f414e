using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Scalar 4×4 GEMM microkernel: sixteen accumulators in locals, one rank-1 update per k.
/// Portable fallback for machines without SIMD and the baseline for the vector kernels.
/// </summary>
internal readonly struct GemmKernelScalar<T> : IGemmMicroKernel<T> where T : unmanaged, INumber<T>
{
    public static int MR => 4;

    public static int NR => 4;

    /// <inheritdoc/>
    public static int RowStep => MR;

    public static unsafe void Run(int kc, T* pa, nint strideA, T* pb, nint strideB, T* c, nint ldc, T alpha, T beta)
    {
        T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero;
        T c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero;
        T c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;
        for (int p = 0; p < kc; p++, pa += strideA, pb += strideB)
        {
            T b0 = pb[0], b1 = pb[1], b2 = pb[2], b3 = pb[3];
            T a = pa[0];
            c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3;
            a = pa[1];
            c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3;
            a = pa[2];
            c20 += a * b0; c21 += a * b1; c22 += a * b2; c23 += a * b3;
            a = pa[3];
            c30 += a * b0; c31 += a * b1; c32 += a * b2; c33 += a * b3;
        }

        StoreRow(c, alpha, beta, c00, c01, c02, c03);
        StoreRow(c + ldc, alpha, beta, c10, c11, c12, c13);
        StoreRow(c + 2 * ldc, alpha, beta, c20, c21, c22, c23);
        StoreRow(c + 3 * ldc, alpha, beta, c30, c31, c32, c33);
    }

    /// <inheritdoc/>
    /// <remarks>No narrower form: all MR rows.</remarks>
    public static unsafe void RunTopRows(int kc, int rows, T* pa, nint strideA, T* pb, nint strideB, T* tile) =>
        Run(kc, pa, strideA, pb, strideB, tile, NR, T.One, T.Zero);

    /// <inheritdoc/>
    public static unsafe void RunLeftHalf(int kc, T* pa, nint strideA, T* pb, T* tile)
    {
        T c00 = T.Zero, c01 = T.Zero, c10 = T.Zero, c11 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c30 = T.Zero, c31 = T.Zero;
        for (int p = 0; p < kc; p++, pa += strideA, pb += 4)
        {
            T b0 = pb[0], b1 = pb[1];
            c00 += pa[0] * b0; c01 += pa[0] * b1;
            c10 += pa[1] * b0; c11 += pa[1] * b1;
            c20 += pa[2] * b0; c21 += pa[2] * b1;
            c30 += pa[3] * b0; c31 += pa[3] * b1;
        }

        (tile[0], tile[1]) = (c00, c01);
        (tile[4], tile[5]) = (c10, c11);
        (tile[8], tile[9]) = (c20, c21);
        (tile[12], tile[13]) = (c30, c31);
    }

    /// <summary>C = alpha·x + beta·C as the vector kernels and the edge merge write it: fma(beta, C, alpha·x).</summary>
    private static unsafe void StoreRow(T* c, T alpha, T beta, T x0, T x1, T x2, T x3)
    {
        if (beta == T.Zero)
        {
            c[0] = alpha * x0; c[1] = alpha * x1; c[2] = alpha * x2; c[3] = alpha * x3;
        }
        else
        {
            c[0] = SimdMath.Fma(beta, c[0], alpha * x0);
            c[1] = SimdMath.Fma(beta, c[1], alpha * x1);
            c[2] = SimdMath.Fma(beta, c[2], alpha * x2);
            c[3] = SimdMath.Fma(beta, c[3], alpha * x3);
        }
    }

    /// <inheritdoc/>
    public static unsafe void RunLeftQuarter(int kc, T* pa, nint strideA, T* pb, T* tile) => RunLeftHalf(kc, pa, strideA, pb, tile);

    /// <inheritdoc/>
    public static unsafe void RunLeftEighth(int kc, T* pa, nint strideA, T* pb, T* tile) => RunLeftQuarter(kc, pa, strideA, pb, tile);
}
