using Scratch.Backends.Cpu;
using Scratch.Backends.Reference;

namespace Scratch.Tests.Backends.Cpu;

public class GemmArgumentsTests
{
    private static readonly float[] _six = new float[6];

    [Theory]
    [InlineData(-1, 2, 3, "m")]
    [InlineData(2, -1, 3, "n")]
    [InlineData(2, 3, -4, "k")]
    public void Multiply_NegativeSize_ThrowsNamingIt(int m, int n, int k, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, n, k, 1f, _six, 3, _six, 3, 0f, new float[6], 3));
        Assert.Equal(name, e.ParamName);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Multiply_LeadingDimensionTooSmall_ThrowsNamingValueAndExpectation()
    {
        // op(A) is 2×3 and A is not transposed, so lda must be at least 3.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, 2, 2, 3, 1f, _six, 2, _six, 2, 0f, new float[4], 2));
        Assert.Equal("lda", e.ParamName);
        Assert.Contains("lda = 2", e.Message);
        Assert.Contains("≥ 3", e.Message);

        // B transposed: stored n×k = 2×3, so ldb must be at least 3.
        e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.Transpose, 2, 2, 3, 1f, _six, 3, _six, 2, 0f, new float[4], 2));
        Assert.Equal("ldb", e.ParamName);

        e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, 2, 2, 3, 1f, _six, 3, _six, 2, 0f, new float[4], 1));
        Assert.Equal("ldc", e.ParamName);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("c")]
    public void Multiply_SpanTooShort_ThrowsNamingSpanAndNeededLength(string name)
    {
        var a = new double[name == "a" ? 5 : 6];
        var b = new double[name == "b" ? 5 : 6];
        var c = new double[name == "c" ? 3 : 4];
        var e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, 2, 2, 3, 1.0, a, 3, b, 2, 0.0, c, 2));
        Assert.Equal(name, e.ParamName);
        Assert.Contains("needs at least", e.Message);
    }

    [Fact]
    public void Reference_ValidatesLikeFastKernel()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ReferenceGemm.Multiply(GemmTranspose.Transpose, GemmTranspose.None, 2, 2, 3, 1f, new float[5], 2, _six, 2, 0f, new float[4], 2));
        Assert.Equal("a", e.ParamName);
    }

    [Fact]
    public void MultiplyBatched_BadStrides_ThrowNamingThem()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyBatched(GemmTranspose.None, GemmTranspose.None,
            1, 1, 1, 1f, _six, 1, -1, _six, 1, 0, 0f, new float[6], 1, 1, 2));
        Assert.Equal("strideA", e.ParamName);

        e = Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyBatched(GemmTranspose.None, GemmTranspose.None,
            1, 1, 1, 1f, _six, 1, 1, _six, 1, 0, 0f, new float[6], 1, 0, 2));
        Assert.Equal("strideC", e.ParamName);

        e = Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyBatched(GemmTranspose.None, GemmTranspose.None,
            1, 1, 1, 1f, _six, 1, 1, _six, 1, 0, 0f, new float[6], 1, 1, -3));
        Assert.Equal("batchCount", e.ParamName);

        // Seven entries of stride 1 need seven elements of A; there are six.
        var ae = Assert.Throws<ArgumentException>(() => Gemm.MultiplyBatched(GemmTranspose.None, GemmTranspose.None,
            1, 1, 1, 1f, _six, 1, 1, _six, 1, 0, 0f, new float[7], 1, 1, 7));
        Assert.Equal("a", ae.ParamName);
    }

    [Fact]
    public void Multiply_BadOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, 1, 1, 1, 1f,
            _six, 1, _six, 1, 0f, new float[1], 1, new GemmOptions { MaxThreads = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, 1, 1, 1, 1f,
            _six, 1, _six, 1, 0f, new float[1], 1, new GemmOptions { Width = (SimdWidth)99 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply((GemmTranspose)5, GemmTranspose.None, 1, 1, 1, 1f,
            _six, 1, _six, 1, 0f, new float[1], 1));
    }

    [Fact]
    public void ResolveWidth_Auto_PicksWidestSupported()
    {
        Assert.Equal(TestData.SupportedWidths()[0], GemmEngine.ResolveWidth(SimdWidth.Auto));
    }
}
