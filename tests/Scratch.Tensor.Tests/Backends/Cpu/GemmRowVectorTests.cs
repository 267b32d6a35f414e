using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends.Cpu;

// GemmRowVector against the reference is covered by GemmTests' one-row shapes (all transposes, alpha/beta, padding,
// NaN in C with beta = 0); these tests pin down its summation order.
public class GemmRowVectorTests
{
    [Theory]
    [InlineData(100, 784)]
    [InlineData(784, 100)]
    [InlineData(70, 1100)]
    [InlineData(7, 3)]
    public void Multiply_OneRowOfB_EqualsThatRowOfBatchedProductBitForBit(int n, int k)
    {
        // a·B for one row runs the axpy form: the same fused multiply-adds over the same k slices as the packed kernel,
        // so a batch-1 input gradient equals the matching row of the batch's, bit for bit.
        const int m = 13;
        var random = new Random(n + k);
        var a = TestData.Uniform<float>(random, m * k);
        var b = TestData.Uniform<float>(random, k * n);
        foreach (var width in TestData.SupportedWidths().Where(w => w != SimdWidth.Scalar))
        {
            var options = new GemmOptions { Width = width };
            var batched = new float[m * n];
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, n, k, 1f, a, k, b, n, 0f, batched, n, options);
            for (int i = 0; i < m; i += 6)
            {
                var row = new float[n];
                Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, 1, n, k, 1f, a.AsSpan(i * k, k), k, b, n, 0f, row, n, options);
                Assert.Equal(batched.AsSpan(i * n, n).ToArray(), row);
            }
        }
    }

    [Theory]
    [InlineData(100, 784)]
    [InlineData(9, 17)]
    [InlineData(5, 16)]
    [InlineData(4, 3)]
    [InlineData(7, 1100)]
    public void Multiply_DotForm_EachOutputAsIfAlone(int n, int k)
    {
        // a·Bᵀ (B stored n×k) runs the dot form, rows of B side by side: each output must be what a product with that
        // row of B alone gives, bit for bit, with alpha and beta applied the same way.
        var random = new Random(n * k);
        var a = TestData.Uniform<float>(random, k);
        var b = TestData.Uniform<float>(random, n * k);
        var c0 = TestData.Uniform<float>(random, n);
        foreach (var width in TestData.SupportedWidths().Where(w => w != SimdWidth.Scalar))
        {
            var options = new GemmOptions { Width = width };
            var together = c0.ToArray();
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.Transpose, 1, n, k, 0.75f, a, k, b, k, 0.5f, together, n, options);
            for (int j = 0; j < n; j++)
            {
                var alone = new[] { c0[j] };
                Gemm.Multiply(GemmTranspose.None, GemmTranspose.Transpose, 1, 1, k, 0.75f, a, k, b.AsSpan(j * k, k), k, 0.5f, alone, 1, options);
                Assert.Equal(BitConverter.SingleToInt32Bits(alone[0]), BitConverter.SingleToInt32Bits(together[j]));
            }
        }
    }

    [Fact]
    public void Multiply_OneRow_SameResultOnAnyThreadCount()
    {
        const int n = 100, k = 784;
        var random = new Random(5);
        var a = TestData.Uniform<float>(random, k);
        var w = TestData.Uniform<float>(random, n * k);
        var one = new float[n];
        var all = new float[n];
        Gemm.Multiply(GemmTranspose.None, GemmTranspose.Transpose, 1, n, k, 1f, a, k, w, k, 0f, one, n, new GemmOptions { MaxThreads = 1 });
        Gemm.Multiply(GemmTranspose.None, GemmTranspose.Transpose, 1, n, k, 1f, a, k, w, k, 0f, all, n, new GemmOptions { MaxThreads = 0 });
        Assert.Equal(one, all);
    }
}
