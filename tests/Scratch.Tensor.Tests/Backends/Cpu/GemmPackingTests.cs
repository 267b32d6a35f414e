using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends.Cpu;

/// <summary>
/// GEMM's packing against the definition of a sliver (Goto &amp; van de Geijn 2008, §6): every value of op(A) or op(B)
/// in its place, and exact zeros in the padding of a partial sliver, whatever the buffer held before.
/// </summary>
public unsafe class GemmPackingTests
{
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

    // op(B) is kb×nb from row p0, column j0 of an 80-row matrix with leading dimension 81 (its transpose when trans).
    private static void PackB<T>(bool trans, int nr) where T : unmanaged, System.Numerics.INumber<T>
    {
        const int ld = 81, p0 = 2, j0 = 3;
        var b = Enumerable.Range(0, 80 * ld).Select(i => T.CreateChecked(i + 1)).ToArray();
        foreach (var kb in new[] { 1, 7, 20 })
        {
            for (var nb = 1; nb <= 2 * nr + 1; nb += nb < 4 ? 1 : 5)
            {
                var slivers = (nb + nr - 1) / nr;
                var dst = Enumerable.Repeat(T.CreateChecked(-7), slivers * nr * kb).ToArray();
                fixed (T* pb = b, pd = dst)
                {
                    GemmPacking.PackB(pb, ld, trans, p0, j0, kb, nb, nr, pd);
                }
                for (var s = 0; s < slivers; s++)
                {
                    for (var p = 0; p < kb; p++)
                    {
                        for (var c = 0; c < nr; c++)
                        {
                            var j = s * nr + c;
                            var expected = j >= nb ? T.Zero : trans ? b[(j0 + j) * ld + p0 + p] : b[(p0 + p) * ld + j0 + j];
                            Assert.Equal(expected, dst[s * nr * kb + p * nr + c]);
                        }
                    }
                }
            }
        }
    }

    // op(A) is mb×kb from row i0, column p0 of an 80-row matrix with leading dimension 81 (its transpose when trans).
    private static void PackA<T>(bool trans, int mr) where T : unmanaged, System.Numerics.INumber<T>
    {
        const int ld = 81, i0 = 3, p0 = 2;
        var a = Enumerable.Range(0, 80 * ld).Select(i => T.CreateChecked(i + 1)).ToArray();
        foreach (var kb in new[] { 1, 9, 20 })
        {
            for (var mb = 1; mb <= 2 * mr + 1; mb++)
            {
                var slivers = (mb + mr - 1) / mr;
                var dst = Enumerable.Repeat(T.CreateChecked(-7), slivers * mr * kb).ToArray();
                fixed (T* pa = a, pd = dst)
                {
                    GemmPacking.PackA(pa, ld, trans, i0, p0, mb, kb, mr, pd);
                }
                for (var s = 0; s < slivers; s++)
                {
                    for (var p = 0; p < kb; p++)
                    {
                        for (var r = 0; r < mr; r++)
                        {
                            var i = s * mr + r;
                            var expected = i >= mb ? T.Zero : trans ? a[(p0 + p) * ld + i0 + i] : a[(i0 + i) * ld + p0 + p];
                            Assert.Equal(expected, dst[s * mr * kb + p * mr + r]);
                        }
                    }
                }
            }
        }
    }
}
