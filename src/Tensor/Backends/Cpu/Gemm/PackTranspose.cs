using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The transposing copies of float GEMM packing (<see cref="GemmPacking"/>) eight by eight (or eight columns of four or
/// two rows, for the AVX2 kernel's six-row slivers) in AVX registers: an
/// A sliver from row-major A (rows to the sliver's columns) and a B sliver from a transposed B (columns to rows).
/// Element by element these copies cost about half as much time as the arithmetic of a linear layer's product
/// (128×784 by 784×100); the 8×8 register transpose (eight unpacks, eight shuffles, eight lane permutes) moves eight
/// elements per instruction pair instead of one.
/// </summary>
internal static unsafe class PackTranspose
{
    /// <summary>Whether the vector path can run here.</summary>
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>
    /// dst[q·dstStride + r] = src[r·srcStride + q] for q in [0, len) and r in [0, rows), rows ≤ 8: the first
    /// <paramref name="len"/> columns of a rows×len block, transposed; full eight-column steps in registers.
    /// </summary>
    public static void Block(float* src, nint srcStride, int rows, int len, float* dst, nint dstStride)
    {
        int q = 0;
        if (rows == 8 || rows == 4 || rows == 2)
        {
            for (; q + 8 <= len; q += 8)
            {
                if (rows == 8)
                {
                    Transpose8x8(src + q, srcStride, dst + q * dstStride, dstStride);
                }
                else if (rows == 4)
                {
                    Transpose4x8(src + q, srcStride, dst + q * dstStride, dstStride);
                }
                else
                {
                    Transpose2x8(src + q, srcStride, dst + q * dstStride, dstStride);
                }
            }
        }

        for (; q < len; q++)
        {
            for (int r = 0; r < rows; r++)
            {
                dst[q * dstStride + r] = src[r * srcStride + q];
            }
        }
    }

    /// <summary>dst[q·dstStride + r] = src[r·srcStride + q] for r, q in [0, 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * srcStride), r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * srcStride), r5 = Avx.LoadVector256(src + 5 * srcStride);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * srcStride), r7 = Avx.LoadVector256(src + 7 * srcStride);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>dst[q·dstStride + r] = src[r·srcStride + q] for r in [0, 2), q in [0, 8): interleaved pairs, stored 64 bits at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose2x8(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        // t0 = the pairs of columns 0, 1 | 4, 5; t1 = those of columns 2, 3 | 6, 7 (one pair per 64 bits).
        Vector256<double> t0 = Avx.UnpackLow(r0, r1).AsDouble(), t1 = Avx.UnpackHigh(r0, r1).AsDouble();
        Vector128<double> lo0 = t0.GetLower(), hi0 = t0.GetUpper(), lo1 = t1.GetLower(), hi1 = t1.GetUpper();
        Sse2.StoreScalar((double*)dst, lo0);
        Sse2.StoreHigh((double*)(dst + dstStride), lo0);
        Sse2.StoreScalar((double*)(dst + 2 * dstStride), lo1);
        Sse2.StoreHigh((double*)(dst + 3 * dstStride), lo1);
        Sse2.StoreScalar((double*)(dst + 4 * dstStride), hi0);
        Sse2.StoreHigh((double*)(dst + 5 * dstStride), hi0);
        Sse2.StoreScalar((double*)(dst + 6 * dstStride), hi1);
        Sse2.StoreHigh((double*)(dst + 7 * dstStride), hi1);
    }

    /// <summary>dst[q·dstStride + r] = src[r·srcStride + q] for r in [0, 4), q in [0, 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x8(float* src, nint srcStride, float* dst, nint dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * srcStride), r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);

        // u0 = columns 0 and 4, u1 = 1 and 5, u2 = 2 and 6, u3 = 3 and 7 (one per 128-bit lane).
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Sse.Store(dst, u0.GetLower());
        Sse.Store(dst + dstStride, u1.GetLower());
        Sse.Store(dst + 2 * dstStride, u2.GetLower());
        Sse.Store(dst + 3 * dstStride, u3.GetLower());
        Sse.Store(dst + 4 * dstStride, u0.GetUpper());
        Sse.Store(dst + 5 * dstStride, u1.GetUpper());
        Sse.Store(dst + 6 * dstStride, u2.GetUpper());
        Sse.Store(dst + 7 * dstStride, u3.GetUpper());
    }
}
