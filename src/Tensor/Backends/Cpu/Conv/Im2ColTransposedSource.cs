using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The transposed im2col matrix colsᵀ of a group of images (Chellapilla, Puri &amp; Simard 2006; layout in
/// <see cref="Im2ColLayout"/>) as the B operand of the weight-gradient GEMM dW += dy · colsᵀ, packed straight from
/// the images ("implicit im2col", Chetlur et al. 2014, §3) into the layout of <see cref="GemmPacking.PackB"/> with
/// transposition (Goto &amp; van de Geijn 2008, §6), element for element. The GEMM's k index runs over the group's
/// output pixels and its n index over the matrix rows (c, kh, kw); each sliver column is one matrix row, filled in
/// pieces of one output row (OW pixels) each, which without padding and with unit horizontal stride are contiguous
/// runs of the image. Packing is a transpose (pixels are contiguous in the image, matrix rows in the sliver): for
/// float with AVX, eight matrix rows by eight pixels at a time in registers (the 8×8 transpose of eight unpacks,
/// eight shuffles and eight lane permutes), else one element at a time.
/// </summary>
/// <param name="layout">Where the matrix's elements come from.</param>
/// <param name="images">The first image of the group; GEMM row (pixel) p belongs to image p / (OH·OW).</param>
internal readonly unsafe struct Im2ColTransposedSource<T>(Im2ColLayout layout, T* images) : IGemmBSource<T>
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
        fixed (int* offsets = layout.Offsets)
        {
            int j = 0;
            if (typeof(T) == typeof(float) && Avx.IsSupported && layout.Contiguous && nr % 8 == 0)
            {
                // Eight sliver columns at a time; nr is a multiple of 8, so they never straddle two slivers.
                for (; j + 8 <= nb; j += 8)
                {
                    PackEightRows((float*)images, offsets + j0 + j, p0, kb, nr, (float*)Column(dst, j, kb, nr));
                }
            }

            for (; j < nb; j++)
            {
                PackRow(offsets, j0 + j, p0, kb, nr, Column(dst, j, kb, nr));
            }
        }

        Im2ColLayout.ZeroTail(kb, nb, nr, dst);
    }

    /// <summary>The first element of column j of a packed block (sliver j / nr, column j mod nr).</summary>
    private static T* Column(T* dst, int j, int kb, int nr) => dst + (long)(j / nr) * kb * nr + j % nr;

    /// <summary>Matrix row <paramref name="row"/> at pixels [p0, p0 + kb), pixel p at column[p·nr].</summary>
    private void PackRow(int* offsets, int row, int p0, int kb, int nr, T* column)
    {
        int ow = layout.OutWidth, pixels = layout.OutHeight * ow;
        int image = p0 / pixels, y = p0 % pixels / ow, x = p0 % ow;
        for (int p = 0; p < kb;)
        {
            int len = Math.Min(ow - x, kb - p);
            T* d = column + (long)p * nr;
            T* imageStart = images + image * layout.ImageLength;
            if (layout.Contiguous)
            {
                T* src = imageStart + offsets[row] + (long)y * layout.StrideH * layout.Width + x;
                for (int q = 0; q < len; q++)
                {
                    d[q * nr] = src[q];
                }
            }
            else
            {
                layout.Read(imageStart, row, y, x, len, d, nr);
            }

            // A piece that does not end the block ends its output row.
            p += len;
            x = 0;
            if (++y == layout.OutHeight)
            {
                y = 0;
                image++;
            }
        }
    }

    /// <summary>
    /// Matrix rows rows[0..8) at pixels [p0, p0 + kb) (no padding, unit horizontal stride), pixel p at
    /// column[p·nr .. p·nr + 8): eight pixels of a piece at a time through an 8×8 register transpose.
    /// </summary>
    private void PackEightRows(float* source, int* rows, int p0, int kb, int nr, float* column)
    {
        int ow = layout.OutWidth, pixels = layout.OutHeight * ow;
        int image = p0 / pixels, y = p0 % pixels / ow, x = p0 % ow;
        for (int p = 0; p < kb;)
        {
            int len = Math.Min(ow - x, kb - p);
            float* src = source + image * layout.ImageLength + (long)y * layout.StrideH * layout.Width + x;
            float* d = column + (long)p * nr;
            int q = 0;
            for (; q + 8 <= len; q += 8)
            {
                Transpose8x8(src + q, rows, d + (long)q * nr, nr);
            }

            for (; q < len; q++)
            {
                for (int i = 0; i < 8; i++)
                {
                    d[q * nr + i] = src[rows[i] + q];
                }
            }

            p += len;
            x = 0;
            if (++y == layout.OutHeight)
            {
                y = 0;
                image++;
            }
        }
    }

    /// <summary>dst[q·nr + i] = src[rows[i] + q] for i, q in [0, 8).</summary>
    private static void Transpose8x8(float* src, int* rows, float* dst, int nr)
    {
        Vector256<float> r0 = Avx.LoadVector256(src + rows[0]), r1 = Avx.LoadVector256(src + rows[1]);
        Vector256<float> r2 = Avx.LoadVector256(src + rows[2]), r3 = Avx.LoadVector256(src + rows[3]);
        Vector256<float> r4 = Avx.LoadVector256(src + rows[4]), r5 = Avx.LoadVector256(src + rows[5]);
        Vector256<float> r6 = Avx.LoadVector256(src + rows[6]), r7 = Avx.LoadVector256(src + rows[7]);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + nr, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * nr, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * nr, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * nr, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * nr, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * nr, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * nr, Avx.Permute2x128(u3, u7, 0x31));
    }
}
