using System.Numerics;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The adjoint of the im2col lowering of convolution to GEMM (Chellapilla, Puri &amp; Simard 2006): col2im, for the
/// input gradient. (The forward and weight-gradient GEMMs pack the column matrix straight from the images:
/// <see cref="Im2ColSource{T}"/>, <see cref="Im2ColTransposedSource{T}"/>.)
/// For one image [C, H, W] the column matrix has C·KH·KW rows and OH·OW columns:
/// cols[(c·KH + kh)·KW + kw, oh·OW + ow] = x[c, oh·sh − ph + kh, ow·sw − pw + kw], or 0 where that falls in the padding.
/// Then conv(x) = W[O, C·KH·KW] · cols, and col2im scatters (adds) a column matrix back onto the image.
/// The column matrix is addressed with a row stride <c>ld</c> ≥ OH·OW, so that the columns of several images can sit
/// side by side in one wider matrix (image i of a group at column offset i·OH·OW) and share one GEMM.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>
    /// Adds the C·KH·KW × OH·OW block at <paramref name="cols"/> (rows <paramref name="ld"/> apart) back onto one
    /// image: the adjoint of im2col.
    /// </summary>
    public static void Raise<T>(in Conv2dGeometry g, T* cols, int ld, T* image) where T : unmanaged, INumber<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth, sw = g.StrideW;
        for (int c = 0; c < g.InChannels; c++)
        {
            T* plane = image + (long)c * g.Height * g.Width;
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                for (int kw = 0; kw < g.KernelWidth; kw++, cols += ld)
                {
                    int x0 = FirstInside(g.PadW - kw, sw), x1 = LastInside(g.Width + g.PadW - kw, sw, ow);
                    for (int y = 0; y < oh; y++)
                    {
                        int ih = y * g.StrideH - g.PadH + kh;
                        if (ih < 0 || ih >= g.Height)
                        {
                            continue;
                        }

                        T* src = cols + y * ow;
                        T* dst = plane + ih * g.Width - g.PadW + kw;
                        if (sw == 1)
                        {
                            AddInPlace(dst + x0, src + x0, x1 - x0);
                        }
                        else
                        {
                            for (int x = x0; x < x1; x++)
                            {
                                dst[x * sw] += src[x];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>dst[i] += src[i] for i in [0, count), a vector at a time.</summary>
    private static void AddInPlace<T>(T* dst, T* src, int count) where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= count - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Vector256.Load(dst + i) + Vector256.Load(src + i)).Store(dst + i);
            }
        }

        for (; i < count; i++)
        {
            dst[i] += src[i];
        }
    }

    /// <summary>Smallest x ≥ 0 with x·stride ≥ offset, i.e. the first output whose input index is ≥ 0.</summary>
    private static int FirstInside(int offset, int stride) => offset <= 0 ? 0 : (offset + stride - 1) / stride;

    /// <summary>One past the last x &lt; count with x·stride &lt; limit, i.e. whose input index is &lt; W.</summary>
    private static int LastInside(int limit, int stride, int count) =>
        limit <= 0 ? 0 : Math.Min(count, (limit + stride - 1) / stride);
}
