using System.Numerics;
using System.Runtime.InteropServices;
using Scratch.Backends.Cpu;
using Scratch.Backends.Reference;

namespace Scratch.Tests.Backends.Cpu;

// Tolerances: each entry of C is compared with the reference (double accumulation) relative to its natural scale
// s_ij = |alpha|·Σ_p |op(A)_ip|·|op(B)_pj| + |beta|·|C_ij|, which bounds the rounding error of the dot product:
// |c − ref| ≤ tol·sqrt(max(k, 1))·s_ij with tol = 1e-5 for float and 1e-13 for double (a few ulps per √k terms).
public class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 7, 7, 7 }, { 33, 33, 33 }, { 1, 257, 7 }, { 257, 1, 33 }, { 7, 33, 257 },
        { 33, 257, 7 }, { 13, 5, 300 }, { 700, 40, 20 }, { 2, 4200, 3 }, { 12, 32, 64 }, { 24, 64, 5 },

        // Several mc blocks (m > 4096), several kc slices (k > 512), and products big enough (≥ 2^21 flops) to run on
        // all threads: split along n with the shared A panel (257², 24×600) and along m (600×40).
        { 4200, 2, 3 }, { 20, 30, 600 }, { 257, 257, 33 }, { 600, 40, 100 }, { 24, 600, 520 },

        // One row (GemmRowVector): vector and scalar columns, and k over one slice.
        { 1, 100, 784 }, { 1, 33, 1 }, { 1, 70, 1100 }, { 1, 6, 45 }, { 1, 150, 20 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_Float_MatchesReference(int m, int n, int k) => CheckAllVariants<float>(m, n, k, 1e-5);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_Double_MatchesReference(int m, int n, int k) => CheckAllVariants<double>(m, n, k, 1e-13);

    [Theory]
    [InlineData(0, 5, 3)]
    [InlineData(5, 0, 3)]
    [InlineData(0, 0, 0)]
    public void Multiply_EmptyC_LeavesSpanUntouched(int m, int n, int k)
    {
        var c = new float[] { 42f };
        Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, n, k, 1f, new float[m * k], Math.Max(k, 1),
            new float[k * n], Math.Max(n, 1), 0f, c, Math.Max(n, 1));
        Assert.Equal(42f, c[0]);
    }

    [Fact]
    public void Multiply_KZero_ScalesCByBeta()
    {
        var c = new double[] { 1, 2, 3, 4, 5, 6 };
        Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, 2, 3, 0, 2.0, [], 0, [], 3, -0.5, c, 3);
        Assert.Equal(new[] { -0.5, -1, -1.5, -2, -2.5, -3 }, c);

        var d = new double[] { double.NaN, 1, 2 };
        Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, 1, 3, 0, 2.0, [], 0, [], 3, 0.0, d, 3);
        Assert.Equal(new double[] { 0, 0, 0 }, d);
    }

    [Fact]
    public void Multiply_AlphaZero_ScalesCWithoutReadingAB()
    {
        var a = new float[] { float.NaN, 1, 2, 3 };
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, 2, 2, 2, 0f, a, 2, a, 2, 2f, c, 2);
        Assert.Equal(new float[] { 2, 4, 6, 8 }, c);
    }

    [Theory]
    [InlineData(0L, 77L)]
    [InlineData(99L, 0L)]
    [InlineData(0L, 0L)]
    public void MultiplyBatched_StrideZeroBroadcasts_MatchesPerEntryReference(long strideA, long strideB)
    {
        const int m = 9, n = 11, k = 7, batch = 5;
        const long strideC = m * n + 3;
        var random = new Random(7);
        var a = TestData.Uniform<float>(random, (int)(strideA * (batch - 1)) + m * k);
        var b = TestData.Uniform<float>(random, (int)(strideB * (batch - 1)) + k * n);
        var c = TestData.Uniform<float>(random, (int)(strideC * (batch - 1)) + m * n);
        var expected = (float[])c.Clone();
        for (int i = 0; i < batch; i++)
        {
            ReferenceGemm.Multiply(GemmTranspose.None, GemmTranspose.Transpose, m, n, k, 0.5f,
                a.AsSpan((int)(i * strideA)), k, b.AsSpan((int)(i * strideB)), k, 2f, expected.AsSpan((int)(i * strideC)), n);
        }

        // k×n with ldb = k is B stored transposed (n×k), so the stride-0 B is one shared weight matrix.
        Gemm.MultiplyBatched(GemmTranspose.None, GemmTranspose.Transpose, m, n, k, 0.5f, a, k, strideA, b, k, strideB,
            2f, c, n, strideC, batch);
        for (int i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-5f, $"entry {i}: {c[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void MultiplyBatched_LargeEntries_MatchesReference()
    {
        const int m = 130, n = 140, k = 150, batch = 2;
        var random = new Random(11);
        var a = TestData.Uniform<double>(random, batch * m * k);
        var b = TestData.Uniform<double>(random, k * n);
        var c = new double[batch * m * n];
        var expected = new double[batch * m * n];
        for (int i = 0; i < batch; i++)
        {
            ReferenceGemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, n, k, 1.0, a.AsSpan(i * m * k), k, b, n,
                0.0, expected.AsSpan(i * m * n), n);
        }

        Gemm.MultiplyBatched(GemmTranspose.None, GemmTranspose.None, m, n, k, 1.0, a, k, m * k, b, n, 0, 0.0, c, n, m * n, batch);
        for (int i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-12, $"entry {i}: {c[i]} vs {expected[i]}");
        }
    }

    [Theory]
    [InlineData(128, 100, 784, true)]    // an MLP layer's forward, x·Wᵀ: few column tiles, the threads split the rows
    [InlineData(784, 100, 128, true)]    // its weight gradient
    [InlineData(1000, 100, 784, true)]   // an FGSM batch's forward
    [InlineData(128, 100, 400, true)]    // a product just above the two-thread threshold
    [InlineData(130, 70, 1100, true)]    // rows split with two k slices
    [InlineData(100, 784, 128, true)]    // many column tiles, few rows, op(B) packed: the threads share the packed A
    [InlineData(100, 784, 128, false)]   // the same with op(B) read in place: the rows split
    [InlineData(1000, 784, 100, false)]  // an FGSM batch's input gradient, G·W: each thread packs op(B), a partial sliver mid-C
    public void Multiply_TwoThreads_EqualOneThreadBitForBit(int m, int n, int k, bool transB)
    {
        // Splitting C among threads (along m or along n) must change neither any element's summation order nor how
        // alpha and beta are applied (factors that are not powers of two, so that an edge merged with other roundings
        // than the interior shows).
        var random = new Random(m + 31 * n + 977 * k);
        var a = TestData.Uniform<float>(random, m * k);
        var b = TestData.Uniform<float>(random, n * k);
        var c0 = TestData.Uniform<float>(random, m * n);
        var tb = transB ? GemmTranspose.Transpose : GemmTranspose.None;
        float[] Product(int threads)
        {
            var c = c0.ToArray();
            Gemm.Multiply(GemmTranspose.None, tb, m, n, k, 0.3f, a, k, b, transB ? k : n, 0.7f, c, n,
                new GemmOptions { MaxThreads = threads });
            return c;
        }

        Assert.Equal(Product(1), Product(2));
    }

    [Theory]
    [InlineData(100, 300, 128)]   // a weight gradient, Gᵀ·X: both operands read in place (on two threads, the rows split)
    [InlineData(128, 100, 100)]   // an input gradient, G·W: B read in place
    [InlineData(13, 37, 300)]     // partial slivers of both operands
    [InlineData(25, 65, 600)]     // two k slices
    [InlineData(1, 40, 7)]        // one row (GemmRowVector)
    public void Multiply_OperandsReadInPlace_EqualPackedOperandsBitForBit(int m, int n, int k)
    {
        // A transposed A and an untransposed B are read where they lie when small (GemmDriver.InPlace.cs); the same
        // matrices stored the other way are always packed. Every element must be the same chain of multiply-adds.
        var random = new Random(m + 7 * n + 131 * k);
        var a = TestData.Uniform<float>(random, m * k);
        var b = TestData.Uniform<float>(random, k * n);
        var c0 = TestData.Uniform<float>(random, m * n);
        var aT = Transposed(a, m, k);
        var bT = Transposed(b, k, n);
        foreach (var width in TestData.SupportedWidths())
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var options = new GemmOptions { Width = width, MaxThreads = threads };
                float[] Product(GemmTranspose ta, float[] aStored, GemmTranspose tb, float[] bStored)
                {
                    var c = c0.ToArray();
                    Gemm.Multiply(ta, tb, m, n, k, 0.5f, aStored, ta == GemmTranspose.None ? k : m, bStored,
                        tb == GemmTranspose.None ? n : k, 0.25f, c, n, options);
                    return c;
                }

                var packed = Product(GemmTranspose.None, a, GemmTranspose.Transpose, bT);
                Assert.Equal(packed, Product(GemmTranspose.Transpose, aT, GemmTranspose.None, b));
                Assert.Equal(packed, Product(GemmTranspose.None, a, GemmTranspose.None, b));
                Assert.Equal(packed, Product(GemmTranspose.Transpose, aT, GemmTranspose.Transpose, bT));
            }
        }
    }

    private static T[] Transposed<T>(T[] x, int rows, int cols)
    {
        var t = new T[x.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[j * rows + i] = x[i * cols + j];
            }
        }

        return t;
    }

    [Theory]
    [InlineData(100)]
    [InlineData(99)]
    [InlineData(72)]
    [InlineData(41)]
    [InlineData(36)]
    [InlineData(3)]
    public void Multiply_EdgeColumns_EqualTheSameColumnsOfWholeTiles(int n)
    {
        // The last column tile of C is an edge when n is not a multiple of NR; its columns must be what whole tiles give
        // (the same chain of multiply-adds per element, whatever width the edge is computed at): compare with the first
        // n columns of a product 128 columns wide, every width of the machine, float and double, alpha and beta.
        const int m = 13, k = 300, wide = 128;
        var random = new Random(n);
        var a = TestData.Uniform<double>(random, m * k);
        var bWide = TestData.Uniform<double>(random, k * wide);
        var c0 = TestData.Uniform<double>(random, m * wide);
        foreach (var width in TestData.SupportedWidths())
        {
            var options = new GemmOptions { Width = width, MaxThreads = 1 };
            var full = c0.ToArray();
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, wide, k, 0.5, a, k, bWide, wide, 0.25, full, wide, options);
            var edge = c0.ToArray();
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, n, k, 0.5, a, k, bWide, wide, 0.25, edge, wide, options);
            var fullF = c0.Select(v => (float)v).ToArray();
            var edgeF = fullF.ToArray();
            var aF = a.Select(v => (float)v).ToArray();
            var bF = bWide.Select(v => (float)v).ToArray();
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, wide, k, 0.5f, aF, k, bF, wide, 0.25f, fullF, wide, options);
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, n, k, 0.5f, aF, k, bF, wide, 0.25f, edgeF, wide, options);
            for (var i = 0; i < m; i++)
            {
                Assert.Equal(full.AsSpan(i * wide, n).ToArray(), edge.AsSpan(i * wide, n).ToArray());
                Assert.Equal(fullF.AsSpan(i * wide, n).ToArray(), edgeF.AsSpan(i * wide, n).ToArray());
                Assert.Equal(c0.AsSpan(i * wide + n, wide - n).ToArray(), edge.AsSpan(i * wide + n, wide - n).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(20)]
    public void Multiply_EdgeRows_EqualTheSameRowsOfWholeSlivers(int m)
    {
        // The last row sliver of C is partial when m is not a multiple of MR, and the vector kernels compute only its top
        // rows (4 or 8 of 12, 2 or 4 of 6); those rows must be what whole slivers give: compare with the first m rows of
        // a 48-row product, every width of the machine, float and double, A packed and read in place, alpha and beta.
        const int tall = 48, n = 70, k = 300;
        var random = new Random(m);
        var a = TestData.Uniform<double>(random, tall * k);
        var b = TestData.Uniform<double>(random, k * n);
        var c0 = TestData.Uniform<double>(random, tall * n);
        var aT = Transposed(a, tall, k);

        foreach (var width in TestData.SupportedWidths())
        {
            var options = new GemmOptions { Width = width, MaxThreads = 1 };
            foreach (var transA in new[] { GemmTranspose.None, GemmTranspose.Transpose })
            {
                var stored = transA == GemmTranspose.None ? a : aT;
                int lda = transA == GemmTranspose.None ? k : tall;
                var whole = c0.ToArray();
                Gemm.Multiply(transA, GemmTranspose.None, tall, n, k, 0.5, stored, lda, b, n, 0.25, whole, n, options);
                var edge = c0.ToArray();
                Gemm.Multiply(transA, GemmTranspose.None, m, n, k, 0.5, stored, lda, b, n, 0.25, edge, n, options);
                Assert.Equal(whole.AsSpan(0, m * n).ToArray(), edge.AsSpan(0, m * n).ToArray());
                Assert.Equal(c0.AsSpan(m * n).ToArray(), edge.AsSpan(m * n).ToArray());

                var storedF = stored.Select(v => (float)v).ToArray();
                var bF = b.Select(v => (float)v).ToArray();
                var wholeF = c0.Select(v => (float)v).ToArray();
                var edgeF = wholeF.ToArray();
                Gemm.Multiply(transA, GemmTranspose.None, tall, n, k, 0.5f, storedF, lda, bF, n, 0.25f, wholeF, n, options);
                Gemm.Multiply(transA, GemmTranspose.None, m, n, k, 0.5f, storedF, lda, bF, n, 0.25f, edgeF, n, options);
                Assert.Equal(wholeF.AsSpan(0, m * n).ToArray(), edgeF.AsSpan(0, m * n).ToArray());
            }
        }
    }

    [Fact]
    public void Multiply_ConcurrentCallers_AllMatchSingleThreadedResult()
    {
        // Several threads multiplying at once: one gets the thread team, the others fall back to the thread pool;
        // all must agree with a one-thread run (same blocking and summation order, so bit for bit).
        const int m = 257, n = 257, k = 40;
        var random = new Random(17);
        var a = TestData.Uniform<float>(random, m * k);
        var b = TestData.Uniform<float>(random, k * n);
        var expected = new float[m * n];
        Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, n, k, 1f, a, k, b, n, 0f, expected, n,
            new GemmOptions { MaxThreads = 1 });
        var results = new float[6][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            results[i] = new float[m * n];
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, m, n, k, 1f, a, k, b, n, 0f, results[i], n,
                new GemmOptions { MaxThreads = 64 });
        });
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private static void CheckAllVariants<T>(int m, int n, int k, double tol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(m * 7919 + n * 104729 + k);
        foreach (var transA in new[] { GemmTranspose.None, GemmTranspose.Transpose })
        {
            foreach (var transB in new[] { GemmTranspose.None, GemmTranspose.Transpose })
            {
                // Alternate the variants over the transpose combinations: padded leading dimensions on two,
                // beta = 0 with NaN in C (which must not leak) on the other two.
                int variant = (transA == GemmTranspose.Transpose ? 2 : 0) + (transB == GemmTranspose.Transpose ? 1 : 0);
                bool padded = variant >= 2;
                bool betaZero = variant % 2 == 0;
                int pad = padded ? 3 : 0;
                int lda = (transA == GemmTranspose.None ? k : m) + pad;
                int ldb = (transB == GemmTranspose.None ? n : k) + pad;
                int ldc = n + pad;
                var a = TestData.Uniform<T>(random, (transA == GemmTranspose.None ? m : k) * lda);
                var b = TestData.Uniform<T>(random, (transB == GemmTranspose.None ? k : n) * ldb);
                var c0 = TestData.Uniform<T>(random, m * ldc);
                if (betaZero)
                {
                    c0.AsSpan().Fill(T.NaN);
                }

                T alpha = T.CreateChecked(betaZero ? 1.0 : 1.5), beta = T.CreateChecked(betaZero ? 0.0 : -0.5);
                var expected = (T[])c0.Clone();
                Reference(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);
                var scale = Scale(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c0, ldc);
                foreach (var width in TestData.SupportedWidths())
                {
                    foreach (int threads in new[] { 1, 0 })
                    {
                        var c = (T[])c0.Clone();
                        Fast(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc,
                            new GemmOptions { MaxThreads = threads, Width = width });
                        string what = $"{typeof(T).Name} {m}×{n}×{k} {transA}/{transB} {width} threads={threads}";
                        AssertClose(c, expected, scale, m, n, ldc, tol * Math.Sqrt(Math.Max(k, 1)), what);
                    }
                }
            }
        }
    }

    private static void AssertClose<T>(T[] actual, T[] expected, double[] scale, int m, int n, int ldc, double tol, string what)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                int idx = i * ldc + j;
                double x = double.CreateChecked(actual[idx]), y = double.CreateChecked(expected[idx]);
                if (j >= n)
                {
                    // Padding between rows must be left alone (compare bit patterns: it may hold NaN).
                    Assert.True(x.Equals(y), $"{what}: padding ({i},{j}) was overwritten");
                    continue;
                }

                Assert.False(double.IsNaN(x), $"{what}: NaN at ({i},{j})");
                Assert.True(Math.Abs(x - y) <= tol * scale[idx] + 1e-30, $"{what}: ({i},{j}) {x} vs {y}");
            }
        }
    }

    private static double[] Scale<T>(GemmTranspose transA, GemmTranspose transB, int m, int n, int k, T alpha, T[] a, int lda,
        T[] b, int ldb, T beta, T[] c, int ldc) where T : IFloatingPointIeee754<T>
    {
        static double[] Abs(T[] x) => [.. x.Select(v => T.IsNaN(v) ? 0 : Math.Abs(double.CreateChecked(v)))];
        var scale = Abs(c);
        ReferenceGemm.Multiply(transA, transB, m, n, k, Math.Abs(double.CreateChecked(alpha)), Abs(a), lda, Abs(b), ldb,
            Math.Abs(double.CreateChecked(beta)), scale, ldc);
        return scale;
    }

    private static void Reference<T>(GemmTranspose transA, GemmTranspose transB, int m, int n, int k, T alpha, T[] a, int lda,
        T[] b, int ldb, T beta, T[] c, int ldc) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            ReferenceGemm.Multiply(transA, transB, m, n, k, (float)(object)alpha, MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(b), ldb, (float)(object)beta, MemoryMarshal.Cast<T, float>(c.AsSpan()), ldc);
        }
        else
        {
            ReferenceGemm.Multiply(transA, transB, m, n, k, (double)(object)alpha, MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(b), ldb, (double)(object)beta, MemoryMarshal.Cast<T, double>(c.AsSpan()), ldc);
        }
    }

    private static void Fast<T>(GemmTranspose transA, GemmTranspose transB, int m, int n, int k, T alpha, T[] a, int lda,
        T[] b, int ldb, T beta, T[] c, int ldc, GemmOptions options) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            Gemm.Multiply(transA, transB, m, n, k, (float)(object)alpha, MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(b), ldb, (float)(object)beta, MemoryMarshal.Cast<T, float>(c.AsSpan()), ldc, options);
        }
        else
        {
            Gemm.Multiply(transA, transB, m, n, k, (double)(object)alpha, MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(b), ldb, (double)(object)beta, MemoryMarshal.Cast<T, double>(c.AsSpan()), ldc, options);
        }
    }
}
