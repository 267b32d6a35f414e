using System.Numerics;
using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends.Cpu;

// The implicit im2col sources must pack exactly what GemmPacking.PackB packs from an explicit column matrix of the
// same group of images, element for element (so the GEMM, and the convolution, give the same bits either way).
public unsafe class Im2ColSourceTests
{
    // (geometry, images in the group): padding, strides, non-square kernels, several channels; OW ≥ 8 without
    // padding exercises the 8×8 transposes of the float weight-gradient packer, with and without a scalar tail.
    public static TheoryData<Conv2dGeometry, int> Groups => new()
    {
        { new Conv2dGeometry(3, 3, 12, 12, 4, 5, 5, 1, 1, 0, 0), 3 },    // OW = 8: pieces are one vector
        { new Conv2dGeometry(2, 2, 20, 21, 3, 3, 2, 1, 1, 0, 0), 2 },    // OW = 20: 8 + 8 + 4 per output row
        { new Conv2dGeometry(4, 3, 7, 6, 4, 3, 2, 2, 1, 1, 0), 4 },      // stride 2 vertically, padding, 3×2 kernel
        { new Conv2dGeometry(2, 3, 8, 9, 3, 3, 3, 2, 2, 2, 1), 2 },      // stride 2 both ways, uneven padding
        { new Conv2dGeometry(3, 2, 10, 9, 3, 4, 3, 1, 2, 0, 0), 3 },     // no padding, horizontal stride 2
        { new Conv2dGeometry(1, 1, 28, 28, 2, 5, 5, 1, 1, 0, 0), 1 },    // one channel, OW = 24
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void Im2ColSource_PacksLikePackBOfExplicitColumns(Conv2dGeometry g, int images)
    {
        CheckForward<float>(g, images);
        CheckForward<double>(g, images);
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Im2ColTransposedSource_PacksLikeTransposedPackBOfExplicitColumns(Conv2dGeometry g, int images)
    {
        CheckTransposed<float>(g, images);
        CheckTransposed<double>(g, images);
    }

    private static void CheckForward<T>(Conv2dGeometry g, int images) where T : unmanaged, IFloatingPoint<T>
    {
        var (x, cols, rows, columns) = Lower<T>(g, images);
        var layout = new Im2ColLayout(g);
        fixed (T* px = x, pc = cols)
        {
            var source = new Im2ColSource<T>(layout, px);
            foreach (var (p0, kb, j0, nb, nr) in Blocks(rows, columns))
            {
                AssertSamePacking<T, GemmStridedB<T>, Im2ColSource<T>>(new GemmStridedB<T>(pc, columns, false), source,
                    p0, j0, kb, nb, nr, $"{g}, block p0={p0} kb={kb} j0={j0} nb={nb} nr={nr}");
            }
        }
    }

    private static void CheckTransposed<T>(Conv2dGeometry g, int images) where T : unmanaged, IFloatingPoint<T>
    {
        var (x, cols, rows, columns) = Lower<T>(g, images);
        var layout = new Im2ColLayout(g);
        fixed (T* px = x, pc = cols)
        {
            var source = new Im2ColTransposedSource<T>(layout, px);
            foreach (var (p0, kb, j0, nb, nr) in Blocks(columns, rows))
            {
                AssertSamePacking<T, GemmStridedB<T>, Im2ColTransposedSource<T>>(new GemmStridedB<T>(pc, columns, true), source,
                    p0, j0, kb, nb, nr, $"{g}, block p0={p0} kb={kb} j0={j0} nb={nb} nr={nr}");
            }
        }
    }

    private static void AssertSamePacking<T, TExpected, TActual>(TExpected expected, TActual actual,
        int p0, int j0, int kb, int nb, int nr, string what)
        where T : unmanaged, IFloatingPoint<T>
        where TExpected : struct, IGemmBSource<T>
        where TActual : struct, IGemmBSource<T>
    {
        int length = (nb + nr - 1) / nr * nr * kb;
        var want = new T[length];
        var got = new T[length];
        Array.Fill(want, T.CreateChecked(-7));
        Array.Fill(got, T.CreateChecked(-7));
        fixed (T* pw = want, pg = got)
        {
            expected.Pack(p0, j0, kb, nb, nr, pw);
            actual.Pack(p0, j0, kb, nb, nr, pg);
        }

        for (int i = 0; i < length; i++)
        {
            Assert.True(want[i] == got[i], $"{what}: element {i} is {got[i]}, expected {want[i]}");
        }
    }

    // Blocks of a k×n operand: the whole of it, and blocks that start and end mid-row, mid-image and mid-sliver.
    private static IEnumerable<(int P0, int Kb, int J0, int Nb, int Nr)> Blocks(int k, int n)
    {
        foreach (int nr in new[] { 4, 8, 16 })
        {
            yield return (0, k, 0, n, nr);
            yield return (k / 3, Math.Max(1, k / 2), n / 5, Math.Max(1, n - n / 5 - 3), nr);
            yield return (k - 1, 1, n - 1, 1, nr);
            yield return (1, k - 1, Math.Min(3, n - 1), Math.Clamp(n / 2 + 5, 1, n - Math.Min(3, n - 1)), nr);
        }
    }

    // Random images and their explicit column matrix, straight from the definition (image i at columns i·OH·OW).
    private static (T[] X, T[] Cols, int Rows, int Columns) Lower<T>(Conv2dGeometry g, int images)
        where T : unmanaged, IFloatingPoint<T>
    {
        var x = TestData.Uniform<T>(new Random(11), (int)(images * g.InChannels * g.Height * g.Width));
        int oh = g.OutHeight, ow = g.OutWidth, rows = g.InChannels * g.KernelHeight * g.KernelWidth, columns = images * oh * ow;
        var cols = new T[rows * columns];
        for (int c = 0, r = 0; c < g.InChannels; c++)
        {
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                for (int kw = 0; kw < g.KernelWidth; kw++, r++)
                {
                    for (int n = 0; n < columns; n++)
                    {
                        int image = n / (oh * ow), y = n % (oh * ow) / ow, xo = n % ow;
                        int ih = y * g.StrideH - g.PadH + kh, iw = xo * g.StrideW - g.PadW + kw;
                        bool inside = ih >= 0 && ih < g.Height && iw >= 0 && iw < g.Width;
                        cols[r * columns + n] = inside
                            ? x[((image * g.InChannels + c) * g.Height + ih) * g.Width + iw]
                            : T.Zero;
                    }
                }
            }
        }

        return (x, cols, rows, columns);
    }
}
