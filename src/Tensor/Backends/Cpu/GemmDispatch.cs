using System.Numerics;
using System.Runtime.InteropServices;

namespace Scratch.Backends.Cpu;

/// <summary>Routes a generic batched product C = A·B to the float or double <see cref="Gemm"/>.</summary>
internal static class GemmDispatch
{
    public static void MultiplyBatched<T>(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc,
        int batchCount, long strideA, long strideB, long strideC)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Gemm.MultiplyBatched(transA, transB, m, n, k, 1f,
                MemoryMarshal.Cast<T, float>(a), lda, strideA, MemoryMarshal.Cast<T, float>(b), ldb, strideB,
                0f, MemoryMarshal.Cast<T, float>(c), ldc, strideC, batchCount);
        }
        else
        {
            Gemm.MultiplyBatched(transA, transB, m, n, k, 1.0,
                MemoryMarshal.Cast<T, double>(a), lda, strideA, MemoryMarshal.Cast<T, double>(b), ldb, strideB,
                0.0, MemoryMarshal.Cast<T, double>(c), ldc, strideC, batchCount);
        }
    }
}
