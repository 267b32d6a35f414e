using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The im2col matrix of a group of images (Chellapilla, Puri &amp; Simard 2006; layout in <see cref="Im2ColLayout"/>)
/// as the B operand of the forward GEMM y = W · cols, packed straight from the images: "implicit im2col", as in
/// cuDNN's implicit GEMM (Chetlur et al. 2014, §3). The packed layout is that of <see cref="GemmPacking.PackB"/>
/// (Goto &amp; van de Geijn 2008, §6), element for element, so the GEMM computes exactly what it would from an
/// explicit column matrix, but the matrix is never written out and read back. A block's columns are walked in
/// pieces that stay within one output row (a run of OW pixels) and one NR-wide sliver; without padding and with unit
/// horizontal stride each piece of each matrix row is a contiguous run of the image, copied a vector at a time.
/// </summary>
/// <param name="layout">Where the matrix's elements come from.</param>
/// <param name="images">The first image of the group; column n belongs to image n / (OH·OW).</param>
internal readonly unsafe struct Im2ColSource<T>(Im2ColLayout layout, T* images) : IGemmBSource<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public T* Rows(out nint ld)
    {
        ld = 0;
        return null;
    }

    /// <inheritdoc />
    public void Pack(int p0, int j0, int kb, int nb, int nr, T* dst)
    {
        int ow = layout.OutWidth, oh = layout.OutHeight, pixels = oh * ow;
        int image = j0 / pixels, y = j0 % pixels / ow, x = j0 % ow;
        for (int j = 0; j < nb;)
        {
            int sliver = j / nr, col = j - sliver * nr;
            int len = Math.Min(Math.Min(nr - col, ow - x), nb - j);
            PackPiece(images + image * layout.ImageLength, y, x, len, p0, kb, nr, dst + (long)sliver * kb * nr + col);
            j += len;
            x += len;
            if (x == ow)
            {
                x = 0;
                if (++y == oh)
                {
                    y = 0;
                    image++;
                }
            }
        }

        Im2ColLayout.ZeroTail(kb, nb, nr, dst);
    }

    /// <summary>Rows [p0, p0 + kb) of the columns of pixels (y, x..x+len) of one image, row p at dst[p·nr].</summary>
    private void PackPiece(T* image, int y, int x, int len, int p0, int kb, int nr, T* dst)
    {
        if (!layout.Contiguous)
        {
            for (int p = 0; p < kb; p++)
            {
                layout.Read(image, p0 + p, y, x, len, dst + (long)p * nr, 1);
            }

            return;
        }

        T* src = image + (long)y * layout.StrideH * layout.Width + x;
        fixed (int* offsets = layout.Offsets)
        {
            for (int p = 0; p < kb; p++)
            {
                Copy(src + offsets[p0 + p], dst + (long)p * nr, len);
            }
        }
    }

    /// <summary>dst[0..len) = src[0..len) for a piece of at most one sliver, a vector at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(T* src, T* dst, int len)
    {
        int q = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; q <= len - Vector256<T>.Count; q += Vector256<T>.Count)
            {
                Vector256.Load(src + q).Store(dst + q);
            }
        }

        for (; q < len; q++)
        {
            dst[q] = src[q];
        }
    }
}
