using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>One validated, pinned GEMM problem: C[m×n] = alpha·op(A)·op(B) + beta·C, row-major.</summary>
internal readonly unsafe struct GemmCall<T> where T : unmanaged, INumber<T>
{
    public GemmCall(bool transA, bool transB, int m, int n, int k, T alpha, T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc)
    {
        TransA = transA;
        TransB = transB;
        M = m;
        N = n;
        K = k;
        Alpha = alpha;
        A = a;
        Lda = lda;
        B = b;
        Ldb = ldb;
        Beta = beta;
        C = c;
        Ldc = ldc;
    }

    public bool TransA { get; }

    public bool TransB { get; }

    public int M { get; }

    public int N { get; }

    public int K { get; }

    public T Alpha { get; }

    public T* A { get; }

    public nint Lda { get; }

    public T* B { get; }

    public nint Ldb { get; }

    public T Beta { get; }

    public T* C { get; }

    public nint Ldc { get; }

    /// <summary>The same problem with the operand and result pointers moved to another batch entry.</summary>
    public GemmCall<T> WithPointers(T* a, T* b, T* c) =>
        new(TransA, TransB, M, N, K, Alpha, a, Lda, b, Ldb, Beta, c, Ldc);
}
