using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends.Cpu;

/// <summary>The transposing copies of GEMM's float packing against the element-by-element definition.</summary>
public unsafe class PackTransposeTests
{
    [Fact]
    public void Block_EveryRowCountAndLength_IsTheTranspose()
    {
        if (!PackTranspose.IsSupported)
        {
            return;
        }
        const int srcStride = 37, dstStride = 11;
        var src = Enumerable.Range(0, 8 * srcStride).Select(i => (float)i).ToArray();
        for (var rows = 1; rows <= 8; rows++)
        {
            for (var len = 0; len <= 20; len++)
            {
                var dst = Enumerable.Repeat(-1f, 21 * dstStride).ToArray();
                fixed (float* s = src, d = dst)
                {
                    PackTranspose.Block(s, srcStride, rows, len, d, dstStride);
                }
                for (var q = 0; q < 21; q++)
                {
                    for (var r = 0; r < dstStride; r++)
                    {
                        // Written: the transpose inside the block; untouched elsewhere.
                        var expected = q < len && r < rows ? src[r * srcStride + q] : -1f;
                        Assert.Equal(expected, dst[q * dstStride + r]);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(12)]
    public void PackA_RowMajorFloat_SliversHoldTheRowsAndZerosPastTheEdge(int mr)
    {
        // mb from one sliver's worth down to a partial one, so every remainder of rows (8, 4, 2, 1 splits) is packed.
        const int lda = 30, kb = 19;
        var a = Enumerable.Range(0, 40 * lda).Select(i => (float)(i + 1)).ToArray();
        for (var mb = 1; mb <= 2 * mr + 1; mb++)
        {
            var slivers = (mb + mr - 1) / mr;
            var dst = Enumerable.Repeat(float.NaN, slivers * mr * kb).ToArray();
            fixed (float* pa = a, pd = dst)
            {
                GemmPacking.PackA(pa, lda, false, 3, 5, mb, kb, mr, pd);
            }
            for (var s = 0; s < slivers; s++)
            {
                for (var p = 0; p < kb; p++)
                {
                    for (var r = 0; r < mr; r++)
                    {
                        var i = s * mr + r;
                        var expected = i < mb ? a[(3 + i) * lda + 5 + p] : 0f;
                        Assert.Equal(expected, dst[s * mr * kb + p * mr + r]);
                    }
                }
            }
        }
    }
}
