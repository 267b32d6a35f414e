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
/// The GEMM's rows run kernel-position-major, i' = (kh·KW + kw)·C + c (<see cref="KernelMajorRows"/>; the engine
/// permutes Wᵀ to match): rows (c, kh, kw) and (c, kh, kw + 1) add onto windows of dx one element apart, and when
/// they follow each other in a tile every vector add waits for the store before it (a load that partly overlaps a
/// store in flight cannot be forwarded from it); with c varying fastest, consecutive rows touch different planes.
/// </summary>
internal readonly unsafe struct Col2ImTarget<T> : IGemmCTarget<T>
    where T : unmanaged, INumber<T>
{
    private readonly Im2ColLayout _layout;
    private readonly int[] _rows, _offsets;
    private readonly T* _images;
    private readonly bool _contiguous;
    private readonly int _outWidth, _outPixels;
    private readonly nint _rowStep;

    /// <param name="layout">Where each element of the column matrix goes.</param>
    /// <param name="rows">The im2col row of each GEMM row (<see cref="KernelMajorRows"/>).</param>
    /// <param name="offsets">The row offsets of <paramref name="layout"/>, in the order of <paramref name="rows"/>.</param>
    /// <param name="images">The input gradient of the first image of the group (zeroed before the GEMM).</param>
    public Col2ImTarget(Im2ColLayout layout, int[] rows, int[] offsets, T* images)
    {
        _layout = layout;
        _rows = rows;
        _offsets = offsets;
        _images = images;
        _contiguous = layout.Contiguous;
        _outWidth = layout.OutWidth;
        _outPixels = layout.OutHeight * layout.OutWidth;
        _rowStep = (nint)layout.StrideH * layout.Width;
    }

    /// <inheritdoc />
    public void Add(int i0, int j0, int rows, int cols, T* tile, int ldt)
    {
        int ow = _outWidth, image = j0 / _outPixels, y = j0 % _outPixels / ow, x = j0 % ow;
        fixed (int* offsets = _offsets)
        {
            int* rowOffsets = offsets + i0;
            for (int j = 0; j < cols;)
            {
                // One piece: the pixels (y, x..x+len) of one image, columns j..j+len of the tile.
                int len = Math.Min(ow - x, cols - j);
                T* dx = _images + image * _layout.ImageLength;
                if (!_contiguous)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        AddPiece(dx, _rows[i0 + r], y, x, len, tile + r * ldt + j);
                    }
                }
                else if (len == Vector256<T>.Count && Vector256.IsHardwareAccelerated)
                {
                    // Without padding, row r's piece starts at offset(r) + y·sh·W + x: one vector per row.
                    T* dst = dx + y * _rowStep + x, src = tile + j;
                    for (int r = 0; r < rows; r++, src += ldt)
                    {
                        T* d = dst + rowOffsets[r];
                        (Vector256.Load(d) + Vector256.Load(src)).Store(d);
                    }
                }
                else
                {
                    T* dst = dx + y * _rowStep + x, src = tile + j;
                    for (int r = 0; r < rows; r++, src += ldt)
                    {
                        AddRun(dst + rowOffsets[r], src, len);
                    }
                }

                j += len;
                x = 0;
                if (++y == _layout.OutHeight)
                {
                    y = 0;
                    image++;
                }
            }
        }
    }

    /// <summary>
    /// With padding or strides: adds src[0..len) onto the elements of matrix row <paramref name="row"/> for pixels
    /// (y, x..x+len) of one image, skipping those in the padding.
    /// </summary>
    private void AddPiece(T* dx, int row, int y, int x, int len, T* src)
    {
        var layout = _layout;
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
    /// <summary>
    /// The im2col row (c·KH + kh)·KW + kw of each GEMM row i' = (kh·KW + kw)·C + c, and the layout's row offsets in
    /// that order.
    /// </summary>
    public static (int[] Rows, int[] Offsets) KernelMajorRows(Im2ColLayout layout, int channels)
    {
        int positions = layout.Rows / channels;
        var rows = new int[layout.Rows];
        var offsets = new int[layout.Rows];
        for (int q = 0; q < positions; q++)
        {
            for (int c = 0; c < channels; c++)
            {
                rows[q * channels + c] = c * positions + q;
                offsets[q * channels + c] = layout.Offsets[c * positions + q];
            }
        }

        return (rows, offsets);
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
