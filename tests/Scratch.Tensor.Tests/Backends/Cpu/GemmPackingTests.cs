using System.Numerics;
using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends.Cpu;

/// <summary>
/// GEMM's packing against the definition of a sliver (Goto &amp; van de Geijn 2008, §6): every value of op(A) or op(B)
/// in its place, and exact zeros in the padding of a partial sliver, whatever the buffer held before.
/// </summary>
public unsafe class GemmPackingTests
{
    // The operands are blocks of an 80-row matrix with leading dimension 81 (its transpose when trans), from row 2 or 3.
    private const int Ld = 81;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PackB_SliversHoldTheBlockAndZerosPastTheEdge(bool trans)
    {
        PackB<float>(trans, nr: 32);
        PackB<double>(trans, nr: 16);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PackA_SliversHoldTheBlockAndZerosPastTheEdge(bool trans)
    {
        PackA<float>(trans, mr: 12);
        PackA<double>(trans, mr: 12);
        PackA<float>(trans, mr: 6);
    }

    // op(B) is kb×nb from row p0 = 2, column j0 = 3.
    private static void PackB<T>(bool trans, int nr) where T : unmanaged, INumber<T>
    {
        const int p0 = 2, j0 = 3;
        var b = Matrix<T>();
        foreach (var kb in new[] { 1, 7, 20 })
        {
            for (var nb = 1; nb <= 2 * nr + 1; nb += nb < 4 ? 1 : 5)
            {
                AssertSlivers(nr, nb, kb, dst =>
                {
                    fixed (T* pb = b, pd = dst)
                    {
                        GemmPacking.PackB(pb, Ld, trans, p0, j0, kb, nb, nr, pd);
                    }
                }, (j, p) => trans ? b[(j0 + j) * Ld + p0 + p] : b[(p0 + p) * Ld + j0 + j]);
            }
        }
    }

    // op(A) is mb×kb from row i0 = 3, column p0 = 2.
    private static void PackA<T>(bool trans, int mr) where T : unmanaged, INumber<T>
    {
        const int i0 = 3, p0 = 2;
        var a = Matrix<T>();
        foreach (var kb in new[] { 1, 9, 20 })
        {
            for (var mb = 1; mb <= 2 * mr + 1; mb++)
            {
                AssertSlivers(mr, mb, kb, dst =>
                {
                    fixed (T* pa = a, pd = dst)
                    {
                        GemmPacking.PackA(pa, Ld, trans, i0, p0, mb, kb, mr, pd);
                    }
                }, (i, p) => trans ? a[(p0 + p) * Ld + i0 + i] : a[(i0 + i) * Ld + p0 + p]);
            }
        }
    }

    private static T[] Matrix<T>() where T : INumber<T> => Enumerable.Range(0, 80 * Ld).Select(i => T.CreateChecked(i + 1)).ToArray();

    // Packs into a buffer of -7s and checks each of the ⌈extent/width⌉ slivers of kb k-steps: value(index, p) where
    // index < extent, zero past it.
    private static void AssertSlivers<T>(int width, int extent, int kb, Action<T[]> pack, Func<int, int, T> value) where T : INumber<T>
    {
        var slivers = (extent + width - 1) / width;
        var dst = Enumerable.Repeat(T.CreateChecked(-7), slivers * width * kb).ToArray();
        pack(dst);
        for (var s = 0; s < slivers; s++)
        {
            for (var p = 0; p < kb; p++)
            {
                for (var c = 0; c < width; c++)
                {
                    var index = s * width + c;
                    Assert.Equal(index < extent ? value(index, p) : T.Zero, dst[s * width * kb + p * width + c]);
                }
            }
        }
    }
}
