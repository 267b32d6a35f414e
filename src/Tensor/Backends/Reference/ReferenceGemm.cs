using Scratch.Backends.Cpu;

namespace Scratch.Backends.Reference;

/// <summary>
/// Ground-truth GEMM for tests and benchmarks: the textbook triple loop
/// C[i, j] = alpha · Σ_p op(A)[i, p] · op(B)[p, j] + beta · C[i, j], row-major, same conventions and argument
/// checks as <see cref="Gemm.Multiply(GemmTranspose, GemmTranspose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, GemmOptions?)"/>.
/// The float overload accumulates each dot product in double and rounds once, so it is more accurate than any
/// float kernel and test tolerances can be stated against it. When beta is 0 C is not read.
/// </summary>
public static class ReferenceGemm
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C in float, accumulating in double.</summary>
    /// <param name="transA">Whether A is used transposed.</param>
    /// <param name="transB">Whether B is used transposed.</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">The elements of A.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="b">The elements of B.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="beta">Scale of the old C; 0 means C is write-only.</param>
    /// <param name="c">The elements of C, updated in place.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="options">Ignored; accepted so that the signature matches the fast kernel.</param>
    public static void Multiply(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc, GemmOptions? options = null)
    {
        GemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += (double)At(a, transA, lda, i, p) * At(b, transB, ldb, p, j);
                }

                ref float cij = ref c[i * ldc + j];
                cij = beta == 0 ? (float)(alpha * sum) : (float)(alpha * sum + (double)beta * cij);
            }
        }
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C in double.</summary>
    /// <param name="transA">Whether A is used transposed.</param>
    /// <param name="transB">Whether B is used transposed.</param>
    /// <param name="m">Rows of op(A) and of C.</param>
    /// <param name="n">Columns of op(B) and of C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">The elements of A.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="b">The elements of B.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="beta">Scale of the old C; 0 means C is write-only.</param>
    /// <param name="c">The elements of C, updated in place.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="options">Ignored; accepted so that the signature matches the fast kernel.</param>
    public static void Multiply(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc, GemmOptions? options = null)
    {
        GemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += At(a, transA, lda, i, p) * At(b, transB, ldb, p, j);
                }

                ref double cij = ref c[i * ldc + j];
                cij = beta == 0 ? alpha * sum : alpha * sum + beta * cij;
            }
        }
    }

    /// <summary>op(X)[row, col] for X stored row-major with leading dimension ld.</summary>
    internal static T At<T>(ReadOnlySpan<T> x, GemmTranspose trans, int ld, int row, int col) =>
        trans == GemmTranspose.None ? x[row * ld + col] : x[col * ld + row];
}
