using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>Routes a generic batched product to the float or double GEMM.</summary>
internal static class GemmDispatch
{
    public static void MultiplyBatched<T>(
        GemmTranspose transA, GemmTranspose transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc,
        int batchCount, long strideA, long strideB, long strideC)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var p = 0; p < batchCount; p++)
        {
            var pa = a[(int)(p * strideA)..];
            var pb = b[(int)(p * strideB)..];
            var pc = c[(int)(p * strideC)..];
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var sum = T.Zero;
                    for (var l = 0; l < k; l++)
                    {
                        var av = transA == GemmTranspose.None ? pa[i * lda + l] : pa[l * lda + i];
                        var bv = transB == GemmTranspose.None ? pb[l * ldb + j] : pb[j * ldb + l];
                        sum += av * bv;
                    }
                    pc[i * ldc + j] = sum;
                }
            }
        }
    }
}

/// <summary>Whether a GEMM operand is used as stored or transposed.</summary>
public enum GemmTranspose
{
    /// <summary>As stored.</summary>
    None,

    /// <summary>Transposed.</summary>
    Transpose,
}
