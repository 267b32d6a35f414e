using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The im2col lowering of convolution to GEMM (Chellapilla, Puri &amp; Simard 2006) and its adjoint col2im.
/// For one image [C, H, W] the column matrix has C·KH·KW rows and OH·OW columns:
/// cols[(c·KH + kh)·KW + kw, oh·OW + ow] = x[c, oh·sh − ph + kh, ow·sw − pw + kw], or 0 where that falls in the padding.
/// Then conv(x) = W[O, C·KH·KW] · cols, and col2im scatters (adds) a column matrix back onto the image.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>Fills <paramref name="cols"/> (C·KH·KW × OH·OW) from one image <paramref name="image"/> (C × H × W).</summary>
    public static void Lower<T>(in Conv2dGeometry g, T* image, T* cols) where T : unmanaged, INumber<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int c = 0; c < g.InChannels; c++)
        {
            T* plane = image + (long)c * g.Height * g.Width;
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                for (int kw = 0; kw < g.KernelWidth; kw++, cols += oh * ow)
                {
                    // Output columns whose input column iw = x·sw − pw + kw lies inside [0, W).
                    int x0 = FirstInside(g.PadW - kw, g.StrideW), x1 = LastInside(g.Width + g.PadW - kw, g.StrideW, ow);
                    for (int y = 0; y < oh; y++)
                    {
                        T* dst = cols + y * ow;
                        int ih = y * g.StrideH - g.PadH + kh;
                        if (ih < 0 || ih >= g.Height || x0 >= x1)
                        {
                            new Span<T>(dst, ow).Clear();
                            continue;
                        }

                        T* src = plane + ih * g.Width - g.PadW + kw;
                        new Span<T>(dst, x0).Clear();
                        if (g.StrideW == 1)
                        {
                            new ReadOnlySpan<T>(src + x0, x1 - x0).CopyTo(new Span<T>(dst + x0, x1 - x0));
                        }
                        else
                        {
                            for (int x = x0; x < x1; x++)
                            {
                                dst[x] = src[x * g.StrideW];
                            }
                        }

                        new Span<T>(dst + x1, ow - x1).Clear();
                    }
                }
            }
        }
    }

    /// <summary>Adds the column matrix <paramref name="cols"/> back onto one image: the adjoint of <see cref="Lower"/>.</summary>
    public static void Raise<T>(in Conv2dGeometry g, T* cols, T* image) where T : unmanaged, INumber<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int c = 0; c < g.InChannels; c++)
        {
            T* plane = image + (long)c * g.Height * g.Width;
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                for (int kw = 0; kw < g.KernelWidth; kw++, cols += oh * ow)
                {
                    int x0 = FirstInside(g.PadW - kw, g.StrideW), x1 = LastInside(g.Width + g.PadW - kw, g.StrideW, ow);
                    for (int y = 0; y < oh; y++)
                    {
                        int ih = y * g.StrideH - g.PadH + kh;
                        if (ih < 0 || ih >= g.Height)
                        {
                            continue;
                        }

                        T* src = cols + y * ow;
                        T* dst = plane + ih * g.Width - g.PadW + kw;
                        for (int x = x0; x < x1; x++)
                        {
                            dst[x * g.StrideW] += src[x];
                        }
                    }
                }
            }
        }
    }

    /// <summary>Smallest x ≥ 0 with x·stride ≥ offset, i.e. the first output whose input index is ≥ 0.</summary>
    private static int FirstInside(int offset, int stride) => offset <= 0 ? 0 : (offset + stride - 1) / stride;

    /// <summary>One past the last x &lt; count with x·stride &lt; limit, i.e. whose input index is &lt; W.</summary>
    private static int LastInside(int limit, int stride, int count) =>
        limit <= 0 ? 0 : Math.Min(count, (limit + stride - 1) / stride);
}
