namespace Scratch.Backends.Cpu;

/// <summary>
/// General matrix multiplication on the CPU, row-major: C[m×n] = alpha·op(A)·op(B) + beta·C, where op(A) is m×k
/// and op(B) is k×n. A is stored m×k with row stride <c>lda</c> (k×m when transposed), B k×n with row stride
/// <c>ldb</c> (n×k when transposed), C m×n with row stride <c>ldc</c>; leading dimensions count elements.
/// When beta is 0, C is not read (NaN or garbage already in C does not leak); sizes may be 0 (k = 0 gives
/// C = beta·C). Packed, cache-blocked and multi-threaded, with a Vector512 / Vector256 / scalar microkernel;
/// see <see cref="GemmDriver{T, TKernel}"/> for the algorithm.
/// </summary>
public static class Gemm
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C in float; see the class summary for the storage conventions.</summary>
    /// <param name="transA">Whether A is used transposed.</param>
    /// <param name="transB">Whether B is used transposed.</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">The elements of A.</param>
    /// <param name="lda">Row stride of A as stored (≥ k, or ≥ m when transposed).</param>
    /// <param name="b">The elements of B.</param>
    /// <param name="ldb">Row stride of B as stored (≥ n, or ≥ k when transposed).</param>
    /// <param name="beta">Scale of the old C; 0 means C is write-only.</param>
    /// <param name="c">The elements of C, updated in place.</param>
    /// <param name="ldc">Row stride of C (≥ n).</param>
    /// <param name="options">Thread limit and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">A span is too short for the matrix it describes, or the requested SIMD width is unavailable.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or a leading dimension is smaller than its row length.</exception>
    public static void Multiply(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, GemmOptions? options = null) =>
        GemmEngine.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, options);

    /// <summary>C = alpha·op(A)·op(B) + beta·C in double; see the class summary for the storage conventions.</summary>
    /// <param name="transA">Whether A is used transposed.</param>
    /// <param name="transB">Whether B is used transposed.</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">The elements of A.</param>
    /// <param name="lda">Row stride of A as stored (≥ k, or ≥ m when transposed).</param>
    /// <param name="b">The elements of B.</param>
    /// <param name="ldb">Row stride of B as stored (≥ n, or ≥ k when transposed).</param>
    /// <param name="beta">Scale of the old C; 0 means C is write-only.</param>
    /// <param name="c">The elements of C, updated in place.</param>
    /// <param name="ldc">Row stride of C (≥ n).</param>
    /// <param name="options">Thread limit and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">A span is too short for the matrix it describes, or the requested SIMD width is unavailable.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or a leading dimension is smaller than its row length.</exception>
    public static void Multiply(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc, GemmOptions? options = null) =>
        GemmEngine.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, options);

    /// <summary>
    /// Strided batch in float: for i in [0, batchCount), C_i = alpha·op(A_i)·op(B_i) + beta·C_i, where X_i starts at
    /// element i·strideX of its span. A stride of 0 broadcasts that operand over the batch (not allowed for C when
    /// batchCount &gt; 1). Small matrices are spread over the threads one batch entry each.
    /// </summary>
    /// <param name="transA">Whether each A is used transposed.</param>
    /// <param name="transB">Whether each B is used transposed.</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">The elements of every A.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="strideA">Elements between consecutive A matrices; 0 broadcasts one A.</param>
    /// <param name="b">The elements of every B.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="strideB">Elements between consecutive B matrices; 0 broadcasts one B.</param>
    /// <param name="beta">Scale of the old C; 0 means C is write-only.</param>
    /// <param name="c">The elements of every C, updated in place.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="strideC">Elements between consecutive C matrices.</param>
    /// <param name="batchCount">Number of products.</param>
    /// <param name="options">Thread limit and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">A span is too short for the batch it describes, or the requested SIMD width is unavailable.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size, stride or batch count is negative, or a leading dimension is too small.</exception>
    public static void MultiplyBatched(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB,
        float beta, Span<float> c, int ldc, long strideC, int batchCount, GemmOptions? options = null) =>
        GemmEngine.MultiplyBatched(transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB,
            beta, c, ldc, strideC, batchCount, options);

    /// <summary>
    /// Strided batch in double: for i in [0, batchCount), C_i = alpha·op(A_i)·op(B_i) + beta·C_i, where X_i starts at
    /// element i·strideX of its span. A stride of 0 broadcasts that operand over the batch (not allowed for C when
    /// batchCount &gt; 1). Small matrices are spread over the threads one batch entry each.
    /// </summary>
    /// <param name="transA">Whether each A is used transposed.</param>
    /// <param name="transB">Whether each B is used transposed.</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">The elements of every A.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="strideA">Elements between consecutive A matrices; 0 broadcasts one A.</param>
    /// <param name="b">The elements of every B.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="strideB">Elements between consecutive B matrices; 0 broadcasts one B.</param>
    /// <param name="beta">Scale of the old C; 0 means C is write-only.</param>
    /// <param name="c">The elements of every C, updated in place.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="strideC">Elements between consecutive C matrices.</param>
    /// <param name="batchCount">Number of products.</param>
    /// <param name="options">Thread limit and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">A span is too short for the batch it describes, or the requested SIMD width is unavailable.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size, stride or batch count is negative, or a leading dimension is too small.</exception>
    public static void MultiplyBatched(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, long strideA, ReadOnlySpan<double> b, int ldb, long strideB,
        double beta, Span<double> c, int ldc, long strideC, int batchCount, GemmOptions? options = null) =>
        GemmEngine.MultiplyBatched(transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB,
            beta, c, ldc, strideC, batchCount, options);
}
