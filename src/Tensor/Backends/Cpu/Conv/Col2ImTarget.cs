using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// col2im (the adjoint of im2col, Chellapilla, Puri &amp; Simard 2006; layout in <see cref="Im2ColLayout"/>) fused
/// into the input-gradient GEMM cols = Wᵀ · dy as its <see cref="IGemmCTarget{T}"/>: each finished tile of the column
/// matrix (rows r = (c, kh, kw), columns n = (i, oh, ow) over a group of images) is added straight onto the input
/// gradients of the group, dx_i[c, oh·sh − ph + kh, ow·sw − pw + kw] += cols[r, n] (nothing where that falls in the
/// padding), while it is still in L1: the column matrix, C·KH·KW × G·OH·OW, is never written out and read back.
/// Without padding and with unit horizontal stride, each piece of a tile row that stays within one output row is a
/// contiguous run of dx, added a vector at a time.
/// </summary>
/// <param name="layout">Where each element of the column matrix goes.</param>
/// <param name="images">The input gradient of the first image of the group (zeroed before the GEMM).</param>
internal readonly unsafe struct Col2ImTarget<T>(Im2ColLayout layout, T* images) : IGemmCTarget<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public void Add(int i0, int j0, int rows, int cols, T* tile, int ldt)
    {
        int ow = layout.OutWidth, oh = layout.OutHeight, pixels = oh * ow;
        int image = j0 / pixels, y = j0 % pixels / ow, x = j0 % ow;
        for (int j = 0; j < cols;)
        {
            // One piece: the pixels (y, x..x+len) of one image, columns j..j+len of the tile.
            int len = Math.Min(ow - x, cols - j);
            T* dx = images + image * layout.ImageLength;
            for (int r = 0; r < rows; r++)
            {
                AddPiece(dx, i0 + r, y, x, len, tile + r * ldt + j);
            }

            j += len;
            x = 0;
            if (++y == oh)
            {
                y = 0;
                image++;
            }
        }
    }

    /// <summary>Adds src[0..len) onto the elements of matrix row <paramref name="row"/> for pixels (y, x..x+len) of one image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddPiece(T* dx, int row, int y, int x, int len, T* src)
    {
        if (layout.Contiguous)
        {
            AddRun(dx + layout.Offsets[row] + (long)y * layout.StrideH * layout.Width + x, src, len);
            return;
        }

        int ih = y * layout.StrideH - layout.PadH + layout.KernelRows[row];
        if ((uint)ih >= (uint)layout.Height)
        {
            return;
        }

        T* plane = dx + layout.Planes[row] + (long)ih * layout.Width;
        int iw = x * layout.StrideW - layout.PadW + layout.KernelColumns[row];
        for (int q = 0; q < len; q++, iw += layout.StrideW)
        {
            if ((uint)iw < (uint)layout.Width)
            {
                plane[iw] += src[q];
            }
        }
    }

    /// <summary>dst[q] += src[q] for q in [0, len), a vector at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRun(T* dst, T* src, int len)
    {
        int q = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; q <= len - Vector256<T>.Count; q += Vector256<T>.Count)
            {
                (Vector256.Load(dst + q) + Vector256.Load(src + q)).Store(dst + q);
            }
        }

        for (; q < len; q++)
        {
            dst[q] += src[q];
        }
    }
}
