namespace Scratch.Backends.Cpu;

/// <summary>
/// Argument checks shared by every GEMM entry point (fast and reference), so that a bad call fails up front
/// with a message naming the argument, its value and what was expected, never deep inside a kernel.
/// </summary>
internal static class GemmArguments
{
    /// <summary>Checks sizes, leading dimensions and span lengths of a single GEMM.</summary>
    public static void Validate(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ValidateShape(transA, transB, m, n, k, lda, ldb, ldc);
        CheckLength(aLength, Extent(transA, m, k, lda), "a", "A", transA, m, k, lda, "lda");
        CheckLength(bLength, Extent(transB, k, n, ldb), "b", "B", transB, k, n, ldb, "ldb");
        CheckLength(cLength, Extent(GemmTranspose.None, m, n, ldc), "c", "C", GemmTranspose.None, m, n, ldc, "ldc");
    }

    /// <summary>Checks a strided batch: sizes, leading dimensions, strides and the span lengths of every entry.</summary>
    public static void ValidateBatched(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k,
        int aLength, int lda, long strideA, int bLength, int ldb, long strideB, int cLength, int ldc, long strideC,
        int batchCount)
    {
        ValidateShape(transA, transB, m, n, k, lda, ldb, ldc);
        if (batchCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchCount), batchCount, "batchCount must be non-negative.");
        }

        CheckStride(strideA, nameof(strideA));
        CheckStride(strideB, nameof(strideB));
        CheckStride(strideC, nameof(strideC));
        if (strideC == 0 && batchCount > 1 && m > 0 && n > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(strideC), strideC,
                $"strideC must be positive when batchCount = {batchCount} > 1: every batch entry writes its own C.");
        }

        if (batchCount == 0)
        {
            return;
        }

        long last = batchCount - 1;
        CheckLength(aLength, Extent(transA, m, k, lda) + (m > 0 && k > 0 ? last * strideA : 0), "a", "A", transA, m, k, lda, "lda");
        CheckLength(bLength, Extent(transB, k, n, ldb) + (k > 0 && n > 0 ? last * strideB : 0), "b", "B", transB, k, n, ldb, "ldb");
        CheckLength(cLength, Extent(GemmTranspose.None, m, n, ldc) + (m > 0 && n > 0 ? last * strideC : 0), "c", "C", GemmTranspose.None, m, n, ldc, "ldc");
    }

    private static void ValidateShape(GemmTranspose transA, GemmTranspose transB, int m, int n, int k, int lda, int ldb, int ldc)
    {
        CheckTranspose(transA, nameof(transA));
        CheckTranspose(transB, nameof(transB));
        CheckSize(m, nameof(m));
        CheckSize(n, nameof(n));
        CheckSize(k, nameof(k));
        CheckLeading(lda, transA == GemmTranspose.None ? k : m, nameof(lda), "A", transA);
        CheckLeading(ldb, transB == GemmTranspose.None ? n : k, nameof(ldb), "B", transB);
        CheckLeading(ldc, n, nameof(ldc), "C", GemmTranspose.None);
    }

    /// <summary>Elements spanned by a stored matrix whose op() is rows×cols: (storedRows − 1)·ld + storedCols.</summary>
    private static long Extent(GemmTranspose trans, int rows, int cols, int ld)
    {
        if (rows == 0 || cols == 0)
        {
            return 0;
        }

        (long storedRows, long storedCols) = trans == GemmTranspose.None ? (rows, cols) : (cols, rows);
        return (storedRows - 1) * ld + storedCols;
    }

    private static void CheckTranspose(GemmTranspose trans, string name)
    {
        if (trans is not (GemmTranspose.None or GemmTranspose.Transpose))
        {
            throw new ArgumentOutOfRangeException(name, trans, $"{name} must be GemmTranspose.None or GemmTranspose.Transpose.");
        }
    }

    private static void CheckSize(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be non-negative, but is {value}.");
        }
    }

    private static void CheckStride(long value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be non-negative (0 broadcasts one matrix), but is {value}.");
        }
    }

    private static void CheckLeading(int ld, int rowLength, string name, string matrix, GemmTranspose trans)
    {
        if (ld < rowLength || ld < 0)
        {
            throw new ArgumentOutOfRangeException(name, ld,
                $"{name} = {ld} is smaller than the stored row length {rowLength} of {matrix} " +
                $"(transpose = {trans}); expected {name} ≥ {rowLength}.");
        }
    }

    private static void CheckLength(
        int length, long needed, string name, string matrix, GemmTranspose trans, int rows, int cols, int ld, string ldName)
    {
        if (length < needed)
        {
            throw new ArgumentException(
                $"{name} has {length} elements, but op({matrix}) of {rows}×{cols} (transpose = {trans}, {ldName} = {ld}) " +
                $"needs at least {needed}.", name);
        }
    }
}
