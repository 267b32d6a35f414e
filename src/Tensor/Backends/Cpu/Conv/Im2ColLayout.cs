using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Where each element of an im2col matrix (Chellapilla, Puri &amp; Simard 2006) comes from, for packing it straight
/// from the images (<see cref="Im2ColSource{T}"/>, <see cref="Im2ColTransposedSource{T}"/>) instead of writing it
/// out first. Row r = (c·KH + kh)·KW + kw and column n = (i·OH + oh)·OW + ow of the matrix of a group of images hold
/// x[i, c, oh·sh − ph + kh, ow·sw − pw + kw], or 0 where that falls in the padding. Per row the table keeps the
/// offset of channel c's plane and kh, kw; without padding, every window lies inside the image and the row's
/// element for (i, oh, ow) is simply image_i[RowOffset(r) + oh·sh·W + ow·sw].
/// </summary>
internal sealed unsafe class Im2ColLayout
{
    private readonly int[] _planes, _kernelRows, _kernelColumns, _offsets;

    public Im2ColLayout(in Conv2dGeometry g)
    {
        Height = g.Height;
        Width = g.Width;
        OutHeight = g.OutHeight;
        OutWidth = g.OutWidth;
        StrideH = g.StrideH;
        StrideW = g.StrideW;
        PadH = g.PadH;
        PadW = g.PadW;
        ImageLength = (long)g.InChannels * g.Height * g.Width;
        Rows = g.InChannels * g.KernelHeight * g.KernelWidth;
        _planes = new int[Rows];
        _kernelRows = new int[Rows];
        _kernelColumns = new int[Rows];
        _offsets = new int[Rows];
        int r = 0;
        for (int c = 0; c < g.InChannels; c++)
        {
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                for (int kw = 0; kw < g.KernelWidth; kw++, r++)
                {
                    _planes[r] = c * g.Height * g.Width;
                    _kernelRows[r] = kh;
                    _kernelColumns[r] = kw;
                    _offsets[r] = _planes[r] + kh * g.Width + kw;
                }
            }
        }
    }

    public int Height { get; }

    public int Width { get; }

    public int OutHeight { get; }

    public int OutWidth { get; }

    public int StrideH { get; }

    public int StrideW { get; }

    public int PadH { get; }

    public int PadW { get; }

    /// <summary>Elements of one input image: C·H·W.</summary>
    public long ImageLength { get; }

    /// <summary>Rows of the matrix: C·KH·KW.</summary>
    public int Rows { get; }

    /// <summary>True without padding and with unit horizontal stride: every row piece is a contiguous run of the image.</summary>
    public bool Contiguous => PadH == 0 && PadW == 0 && StrideW == 1;

    /// <summary>Offset of row r's channel plane in an image: c·H·W.</summary>
    public ReadOnlySpan<int> Planes => _planes;

    /// <summary>kh of each row.</summary>
    public ReadOnlySpan<int> KernelRows => _kernelRows;

    /// <summary>kw of each row.</summary>
    public ReadOnlySpan<int> KernelColumns => _kernelColumns;

    /// <summary>c·H·W + kh·W + kw of each row: the row's element for output pixel (0, 0) when there is no padding.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>
    /// The general case, for any padding and stride: dst[q·step] = the element of row <paramref name="row"/> for output
    /// pixel (<paramref name="oh"/>, <paramref name="ow"/> + q) of <paramref name="image"/>, q in [0, len), 0 in the padding.
    /// </summary>
    public void Read<T>(T* image, int row, int oh, int ow, int len, T* dst, nint step) where T : unmanaged, INumber<T>
    {
        int ih = oh * StrideH - PadH + _kernelRows[row];
        if ((uint)ih >= (uint)Height)
        {
            for (int q = 0; q < len; q++)
            {
                dst[q * step] = T.Zero;
            }

            return;
        }

        T* src = image + _planes[row] + (long)ih * Width;
        int iw = ow * StrideW - PadW + _kernelColumns[row];
        for (int q = 0; q < len; q++, iw += StrideW)
        {
            dst[q * step] = (uint)iw < (uint)Width ? src[iw] : T.Zero;
        }
    }

    /// <summary>Zeroes columns [nb mod nr, nr) of the last, partial sliver of a packed kb×nb block (nothing when nr divides nb).</summary>
    public static void ZeroTail<T>(int kb, int nb, int nr, T* dst) where T : unmanaged, INumber<T>
    {
        int used = nb % nr;
        if (used == 0)
        {
            return;
        }

        T* last = dst + (long)(nb / nr) * kb * nr;
        for (int p = 0; p < kb; p++)
        {
            new Span<T>(last + (long)p * nr + used, nr - used).Clear();
        }
    }
}
