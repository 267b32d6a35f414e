using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Packing of GEMM operands into the contiguous sliver layout the microkernel streams through
/// (Goto &amp; van de Geijn 2008, §6; Van Zee &amp; van de Geijn 2015, Fig. 1).
/// A block of op(A) (mb×kb) becomes ⌈mb/MR⌉ slivers, each kb columns of MR consecutive values;
/// a panel of op(B) (kb×nb) becomes ⌈nb/NR⌉ slivers, each kb rows of NR consecutive values.
/// Transposition is absorbed here, so the microkernel sees one layout; rows/columns past the matrix edge are
/// zero-filled, so the microkernel always computes a full tile.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[i0..i0+mb, p0..p0+kb] into <paramref name="dst"/> (⌈mb/mr⌉·mr·kb elements).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(T* a, nint lda, bool trans, int i0, int p0, int mb, int kb, int mr, T* dst)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < mb; i += mr, dst += mr * kb)
        {
            int rows = Math.Min(mr, mb - i);
            ClearIfPartial(dst, rows, mr, kb);
            if (!trans && typeof(T) == typeof(float) && PackTranspose.IsSupported)
            {
                // op(A)[i, p] = a[i·lda + p]: the sliver is the transpose of a rows×kb block, eight rows at a time.
                TransposeRows((float*)(a + (i0 + i) * lda + p0), lda, rows, kb, (float*)dst, mr);
            }
            else if (!trans)
            {
                // op(A)[i, p] = a[i·lda + p]: walk the sliver's rows side by side so the writes are contiguous.
                T* src = a + (i0 + i) * lda + p0;
                for (int p = 0; p < kb; p++, src++)
                {
                    T* d = dst + p * mr;
                    T* s = src;
                    for (int r = 0; r < rows; r++, s += lda)
                    {
                        d[r] = *s;
                    }
                }
            }
            else
            {
                // op(A)[i, p] = a[p·lda + i]: each k-step of the sliver is one contiguous run.
                for (int p = 0; p < kb; p++)
                {
                    CopySmall(a + (p0 + p) * lda + i0 + i, dst + p * mr, rows);
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0..p0+kb, j0..j0+nb] into <paramref name="dst"/> (⌈nb/nr⌉·nr·kb elements).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(T* b, nint ldb, bool trans, int p0, int j0, int kb, int nb, int nr, T* dst)
        where T : unmanaged, INumber<T>
    {
        int slivers = (nb + nr - 1) / nr;
        if (!trans)
        {
            ClearIfPartial(dst + (long)(slivers - 1) * nr * kb, nb - (slivers - 1) * nr, nr, kb);
            // op(B)[p, j] = b[p·ldb + j]: read each row of the block once, left to right, dealing it out to the
            // slivers (sequential reads let the hardware prefetcher stream B; column-wise reads would miss per row).
            for (int p = 0; p < kb; p++)
            {
                T* src = b + (p0 + p) * ldb + j0;
                T* d = dst + p * nr;
                for (int s = 0; s < slivers; s++, src += nr, d += kb * nr)
                {
                    int cols = Math.Min(nr, nb - s * nr);
                    CopySmall(src, d, cols);
                }
            }

            return;
        }

        for (int s = 0; s < slivers; s++, dst += nr * kb)
        {
            // op(B)[p, j] = b[j·ldb + p]: each column of the sliver is read contiguously.
            int cols = Math.Min(nr, nb - s * nr);
            ClearIfPartial(dst, cols, nr, kb);
            if (typeof(T) == typeof(float) && PackTranspose.IsSupported)
            {
                TransposeRows((float*)(b + (j0 + s * nr) * ldb + p0), ldb, cols, kb, (float*)dst, nr);
            }
            else
            {
                for (int col = 0; col < cols; col++)
                {
                    T* src = b + (j0 + s * nr + col) * ldb + p0;
                    for (int p = 0; p < kb; p++)
                    {
                        dst[p * nr + col] = src[p];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Zeroes a whole sliver (<paramref name="steps"/> k-steps of <paramref name="width"/> values) before a partial
    /// one (<paramref name="used"/> &lt; width) is packed into it, so that its padding past the matrix edge reads zero:
    /// one contiguous clear instead of a strided store per padded value and k-step.
    /// </summary>
    private static void ClearIfPartial<T>(T* sliver, int used, int width, int steps) where T : unmanaged
    {
        if (used < width)
        {
            new Span<T>(sliver, width * steps).Clear();
        }
    }

    /// <summary>
    /// dst[p·dstStride + r] = src[r·srcStride + p] for r in [0, rows), p in [0, len): eight rows at a time, then four,
    /// then two, then one.
    /// </summary>
    private static void TransposeRows(float* src, nint srcStride, int rows, int len, float* dst, nint dstStride)
    {
        int r = 0;
        for (; r + 8 <= rows; r += 8)
        {
            PackTranspose.Block(src + r * srcStride, srcStride, 8, len, dst + r, dstStride);
        }

        if (r + 4 <= rows)
        {
            PackTranspose.Block(src + r * srcStride, srcStride, 4, len, dst + r, dstStride);
            r += 4;
        }

        if (r + 2 <= rows)
        {
            PackTranspose.Block(src + r * srcStride, srcStride, 2, len, dst + r, dstStride);
            r += 2;
        }

        if (r < rows)
        {
            PackTranspose.Block(src + r * srcStride, srcStride, rows - r, len, dst + r, dstStride);
        }
    }

    /// <summary>Copies a short run of elements with vector moves (a library memmove call costs more than the copy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySmall<T>(T* src, T* dst, int count) where T : unmanaged
    {
        byte* s = (byte*)src, d = (byte*)dst;
        nint bytes = count * sizeof(T), off = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; off + 64 <= bytes; off += 64)
            {
                Vector512.Store(Vector512.Load(s + off), d + off);
            }
        }

        for (; off + 32 <= bytes; off += 32)
        {
            Vector256.Store(Vector256.Load(s + off), d + off);
        }

        for (; off + 16 <= bytes; off += 16)
        {
            Vector128.Store(Vector128.Load(s + off), d + off);
        }

        for (; off < bytes; off += sizeof(T))
        {
            *(T*)(d + off) = *(T*)(s + off);
        }
    }
}
