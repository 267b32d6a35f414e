using System.Numerics;

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
    public static void PackA<T>(T* a, nint lda, bool trans, int i0, int p0, int mb, int kb, int mr, T* dst)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < mb; i += mr, dst += mr * kb)
        {
            int rows = Math.Min(mr, mb - i);
            if (!trans)
            {
                // op(A)[i, p] = a[i·lda + p]: each row of the sliver is read contiguously.
                for (int r = 0; r < rows; r++)
                {
                    T* src = a + (i0 + i + r) * lda + p0;
                    for (int p = 0; p < kb; p++)
                    {
                        dst[p * mr + r] = src[p];
                    }
                }
            }
            else
            {
                // op(A)[i, p] = a[p·lda + i]: each k-step of the sliver is one contiguous run.
                for (int p = 0; p < kb; p++)
                {
                    new ReadOnlySpan<T>(a + (p0 + p) * lda + i0 + i, rows).CopyTo(new Span<T>(dst + p * mr, rows));
                }
            }

            for (int r = rows; r < mr; r++)
            {
                for (int p = 0; p < kb; p++)
                {
                    dst[p * mr + r] = T.Zero;
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0..p0+kb, j0..j0+nb] into <paramref name="dst"/> (⌈nb/nr⌉·nr·kb elements).</summary>
    public static void PackB<T>(T* b, nint ldb, bool trans, int p0, int j0, int kb, int nb, int nr, T* dst)
        where T : unmanaged, INumber<T>
    {
        for (int j = 0; j < nb; j += nr, dst += nr * kb)
        {
            int cols = Math.Min(nr, nb - j);
            if (!trans)
            {
                // op(B)[p, j] = b[p·ldb + j]: each k-step of the sliver is one contiguous run.
                for (int p = 0; p < kb; p++)
                {
                    T* d = dst + p * nr;
                    new ReadOnlySpan<T>(b + (p0 + p) * ldb + j0 + j, cols).CopyTo(new Span<T>(d, cols));
                    new Span<T>(d + cols, nr - cols).Clear();
                }
            }
            else
            {
                // op(B)[p, j] = b[j·ldb + p]: each column of the sliver is read contiguously.
                for (int col = 0; col < cols; col++)
                {
                    T* src = b + (j0 + j + col) * ldb + p0;
                    for (int p = 0; p < kb; p++)
                    {
                        dst[p * nr + col] = src[p];
                    }
                }

                for (int p = 0; p < kb; p++)
                {
                    new Span<T>(dst + p * nr + cols, nr - cols).Clear();
                }
            }
        }
    }
}
