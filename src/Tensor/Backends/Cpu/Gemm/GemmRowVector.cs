using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The one-row product c = alpha·a·op(B) + beta·c (m = 1: a batch-1 forward or input gradient of a linear layer),
/// without packing: the packed GEMM would pad the row to an MR-tall sliver (12× the arithmetic) and pack all of B,
/// which is read once here. Two forms, as in BLAS's GEMV (Dongarra et al. 1988, "An extended set of FORTRAN basic
/// linear algebra subprograms", the "axpy" and "dot" forms):
/// op(B) = B (k×n, rows contiguous): c[j..j+w] accumulates a[p]·B[p, j..j+w] over p, the vector running along n.
/// Each element is then the same chain of fused multiply-adds over the same k slices as in the packed microkernel,
/// so the result equals row i of the batched product bit for bit.
/// op(B) = Bᵀ (B stored n×k): c[j] = a·B[j, :], a dot product of two contiguous runs, vectorised along k with
/// partial sums added at the end, so it rounds differently from the packed product (by a few ulps).
/// The axpy form runs four vectors of columns side by side, and the dot form four rows of B (eight chains for the
/// four- to five-cycle FMA latency), as independent chains, without changing any element's order.
/// </summary>
internal static unsafe class GemmRowVector
{
    /// <summary>Runs a validated one-row problem (m = 1, n and k positive) whose k slices are <paramref name="kc"/> deep.</summary>
    public static void Run<T>(in GemmCall<T> call, SimdWidth width, int kc) where T : unmanaged, INumber<T>
    {
        int k = call.K;
        T* a = call.A;
        T[]? copy = null;
        if (call.TransA && call.Lda != 1)
        {
            // op(A)[0, p] = a[p·lda]: gather the row once.
            copy = new T[k];
            for (int p = 0; p < k; p++)
            {
                copy[p] = a[p * call.Lda];
            }
        }

        fixed (T* row = copy)
        {
            T* x = copy is null ? a : row;
            if (call.TransB)
            {
                Dots(x, call.B, call.Ldb, call.N, k, call.C, call.Alpha, call.Beta, width);
            }
            else
            {
                for (int pc = 0; pc < k; pc += kc)
                {
                    // The first k slice applies beta; later slices accumulate onto it, as in the packed driver.
                    Axpys(x + pc, call.B + pc * call.Ldb, call.Ldb, call.N, Math.Min(kc, k - pc), call.C, call.Alpha,
                        pc == 0 ? call.Beta : T.One, width);
                }
            }
        }
    }

    /// <summary>
    /// c[j] = alpha·Σ_p x[p]·b[p·ldb + j] + beta·c[j] for j in [0, n), p in [0, kb). Four vectors of columns at a time,
    /// then one: each column is one chain of fused multiply-adds in p order whatever the blocking, and four
    /// independent chains per step hide the FMA latency that one chain would wait on.
    /// </summary>
    private static void Axpys<T>(T* x, T* b, nint ldb, int n, int kb, T* c, T alpha, T beta, SimdWidth width)
        where T : unmanaged, INumber<T>
    {
        int j = 0;
        if (width == SimdWidth.Vector512)
        {
            int w = Vector512<T>.Count;
            for (; j + 4 * w <= n; j += 4 * w)
            {
                Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
                T* bj = b + j;
                for (int p = 0; p < kb; p++, bj += ldb)
                {
                    var xp = Vector512.Create(x[p]);
                    c0 = SimdMath.Fma(xp, Vector512.Load(bj), c0);
                    c1 = SimdMath.Fma(xp, Vector512.Load(bj + w), c1);
                    c2 = SimdMath.Fma(xp, Vector512.Load(bj + 2 * w), c2);
                    c3 = SimdMath.Fma(xp, Vector512.Load(bj + 3 * w), c3);
                }

                Store(c + j, alpha, beta, c0);
                Store(c + j + w, alpha, beta, c1);
                Store(c + j + 2 * w, alpha, beta, c2);
                Store(c + j + 3 * w, alpha, beta, c3);
            }

            for (; j + w <= n; j += w)
            {
                Vector512<T> c0 = default;
                T* bj = b + j;
                for (int p = 0; p < kb; p++, bj += ldb)
                {
                    c0 = SimdMath.Fma(Vector512.Create(x[p]), Vector512.Load(bj), c0);
                }

                Store(c + j, alpha, beta, c0);
            }
        }
        else if (width == SimdWidth.Vector256)
        {
            int w = Vector256<T>.Count;
            for (; j + 4 * w <= n; j += 4 * w)
            {
                Vector256<T> c0 = default, c1 = default, c2 = default, c3 = default;
                T* bj = b + j;
                for (int p = 0; p < kb; p++, bj += ldb)
                {
                    var xp = Vector256.Create(x[p]);
                    c0 = SimdMath.Fma(xp, Vector256.Load(bj), c0);
                    c1 = SimdMath.Fma(xp, Vector256.Load(bj + w), c1);
                    c2 = SimdMath.Fma(xp, Vector256.Load(bj + 2 * w), c2);
                    c3 = SimdMath.Fma(xp, Vector256.Load(bj + 3 * w), c3);
                }

                Store(c + j, alpha, beta, c0);
                Store(c + j + w, alpha, beta, c1);
                Store(c + j + 2 * w, alpha, beta, c2);
                Store(c + j + 3 * w, alpha, beta, c3);
            }

            for (; j + w <= n; j += w)
            {
                Vector256<T> c0 = default;
                T* bj = b + j;
                for (int p = 0; p < kb; p++, bj += ldb)
                {
                    c0 = SimdMath.Fma(Vector256.Create(x[p]), Vector256.Load(bj), c0);
                }

                Store(c + j, alpha, beta, c0);
            }
        }

        for (; j < n; j++)
        {
            T sum = T.Zero;
            T* bj = b + j;
            for (int p = 0; p < kb; p++, bj += ldb)
            {
                sum = SimdMath.Fma(x[p], *bj, sum);
            }

            c[j] = beta == T.Zero ? alpha * sum : SimdMath.Fma(beta, c[j], alpha * sum);
        }
    }

    /// <summary>c[j] = alpha·Σ_p x[p]·b[j·ldb + p] + beta·c[j] for j in [0, n), p in [0, k).</summary>
    private static void Dots<T>(T* x, T* b, nint ldb, int n, int k, T* c, T alpha, T beta, SimdWidth width)
        where T : unmanaged, INumber<T>
    {
        int j = 0;
        if (width == SimdWidth.Vector512)
        {
            for (; j + 4 <= n; j += 4)
            {
                FourDots512(x, b + j * ldb, ldb, k, c + j, alpha, beta);
            }
        }
        else if (width == SimdWidth.Vector256)
        {
            for (; j + 4 <= n; j += 4)
            {
                FourDots256(x, b + j * ldb, ldb, k, c + j, alpha, beta);
            }
        }

        for (; j < n; j++)
        {
            T* bj = b + j * ldb;
            T sum = T.Zero;
            int p = 0;
            if (width == SimdWidth.Vector512)
            {
                int w = Vector512<T>.Count;
                Vector512<T> s0 = default, s1 = default;
                for (; p + 2 * w <= k; p += 2 * w)
                {
                    s0 = SimdMath.Fma(Vector512.Load(x + p), Vector512.Load(bj + p), s0);
                    s1 = SimdMath.Fma(Vector512.Load(x + p + w), Vector512.Load(bj + p + w), s1);
                }

                sum = Vector512.Sum(s0 + s1);
            }
            else if (width == SimdWidth.Vector256)
            {
                int w = Vector256<T>.Count;
                Vector256<T> s0 = default, s1 = default;
                for (; p + 2 * w <= k; p += 2 * w)
                {
                    s0 = SimdMath.Fma(Vector256.Load(x + p), Vector256.Load(bj + p), s0);
                    s1 = SimdMath.Fma(Vector256.Load(x + p + w), Vector256.Load(bj + p + w), s1);
                }

                sum = Vector256.Sum(s0 + s1);
            }

            for (; p < k; p++)
            {
                sum = SimdMath.Fma(x[p], bj[p], sum);
            }

            c[j] = beta == T.Zero ? alpha * sum : SimdMath.Fma(beta, c[j], alpha * sum);
        }
    }

    /// <summary>
    /// c[r] for the four rows of B from <paramref name="b"/>, each exactly as the one-row loop computes it (two vector
    /// chains, their sum, the scalar tail), interleaved so that eight chains hide the FMA latency; with Vector512 the
    /// four scalar tails (up to 31 elements; 16 at k = 784) also overlap instead of running one row after another.
    /// </summary>
    private static void FourDots512<T>(T* x, T* b, nint ldb, int k, T* c, T alpha, T beta) where T : unmanaged, INumber<T>
    {
        int w = Vector512<T>.Count, p = 0;
        T* b0 = b, b1 = b + ldb, b2 = b + 2 * ldb, b3 = b + 3 * ldb;
        Vector512<T> s0 = default, t0 = default, s1 = default, t1 = default, s2 = default, t2 = default, s3 = default, t3 = default;
        for (; p + 2 * w <= k; p += 2 * w)
        {
            Vector512<T> lo = Vector512.Load(x + p), hi = Vector512.Load(x + p + w);
            s0 = SimdMath.Fma(lo, Vector512.Load(b0 + p), s0);
            t0 = SimdMath.Fma(hi, Vector512.Load(b0 + p + w), t0);
            s1 = SimdMath.Fma(lo, Vector512.Load(b1 + p), s1);
            t1 = SimdMath.Fma(hi, Vector512.Load(b1 + p + w), t1);
            s2 = SimdMath.Fma(lo, Vector512.Load(b2 + p), s2);
            t2 = SimdMath.Fma(hi, Vector512.Load(b2 + p + w), t2);
            s3 = SimdMath.Fma(lo, Vector512.Load(b3 + p), s3);
            t3 = SimdMath.Fma(hi, Vector512.Load(b3 + p + w), t3);
        }

        T sum0 = Vector512.Sum(s0 + t0), sum1 = Vector512.Sum(s1 + t1), sum2 = Vector512.Sum(s2 + t2), sum3 = Vector512.Sum(s3 + t3);
        for (; p < k; p++)
        {
            sum0 = SimdMath.Fma(x[p], b0[p], sum0);
            sum1 = SimdMath.Fma(x[p], b1[p], sum1);
            sum2 = SimdMath.Fma(x[p], b2[p], sum2);
            sum3 = SimdMath.Fma(x[p], b3[p], sum3);
        }

        c[0] = beta == T.Zero ? alpha * sum0 : SimdMath.Fma(beta, c[0], alpha * sum0);
        c[1] = beta == T.Zero ? alpha * sum1 : SimdMath.Fma(beta, c[1], alpha * sum1);
        c[2] = beta == T.Zero ? alpha * sum2 : SimdMath.Fma(beta, c[2], alpha * sum2);
        c[3] = beta == T.Zero ? alpha * sum3 : SimdMath.Fma(beta, c[3], alpha * sum3);
    }

    /// <summary>
    /// c[r] for the four rows of B from <paramref name="b"/>, each exactly as the one-row loop computes it (two vector
    /// chains, their sum, the scalar tail), interleaved so that eight chains hide the FMA latency of AVX2 machines.
    /// </summary>
    private static void FourDots256<T>(T* x, T* b, nint ldb, int k, T* c, T alpha, T beta) where T : unmanaged, INumber<T>
    {
        int w = Vector256<T>.Count, p = 0;
        T* b0 = b, b1 = b + ldb, b2 = b + 2 * ldb, b3 = b + 3 * ldb;
        Vector256<T> s0 = default, t0 = default, s1 = default, t1 = default, s2 = default, t2 = default, s3 = default, t3 = default;
        for (; p + 2 * w <= k; p += 2 * w)
        {
            Vector256<T> lo = Vector256.Load(x + p), hi = Vector256.Load(x + p + w);
            s0 = SimdMath.Fma(lo, Vector256.Load(b0 + p), s0);
            t0 = SimdMath.Fma(hi, Vector256.Load(b0 + p + w), t0);
            s1 = SimdMath.Fma(lo, Vector256.Load(b1 + p), s1);
            t1 = SimdMath.Fma(hi, Vector256.Load(b1 + p + w), t1);
            s2 = SimdMath.Fma(lo, Vector256.Load(b2 + p), s2);
            t2 = SimdMath.Fma(hi, Vector256.Load(b2 + p + w), t2);
            s3 = SimdMath.Fma(lo, Vector256.Load(b3 + p), s3);
            t3 = SimdMath.Fma(hi, Vector256.Load(b3 + p + w), t3);
        }

        T sum0 = Vector256.Sum(s0 + t0), sum1 = Vector256.Sum(s1 + t1), sum2 = Vector256.Sum(s2 + t2), sum3 = Vector256.Sum(s3 + t3);
        for (; p < k; p++)
        {
            sum0 = SimdMath.Fma(x[p], b0[p], sum0);
            sum1 = SimdMath.Fma(x[p], b1[p], sum1);
            sum2 = SimdMath.Fma(x[p], b2[p], sum2);
            sum3 = SimdMath.Fma(x[p], b3[p], sum3);
        }

        c[0] = beta == T.Zero ? alpha * sum0 : SimdMath.Fma(beta, c[0], alpha * sum0);
        c[1] = beta == T.Zero ? alpha * sum1 : SimdMath.Fma(beta, c[1], alpha * sum1);
        c[2] = beta == T.Zero ? alpha * sum2 : SimdMath.Fma(beta, c[2], alpha * sum2);
        c[3] = beta == T.Zero ? alpha * sum3 : SimdMath.Fma(beta, c[3], alpha * sum3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* c, T alpha, T beta, Vector512<T> sum) where T : unmanaged, INumber<T>
    {
        var scaled = Vector512.Create(alpha) * sum;
        Vector512.Store(beta == T.Zero ? scaled : SimdMath.Fma(Vector512.Create(beta), Vector512.Load(c), scaled), c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* c, T alpha, T beta, Vector256<T> sum) where T : unmanaged, INumber<T>
    {
        var scaled = Vector256.Create(alpha) * sum;
        Vector256.Store(beta == T.Zero ? scaled : SimdMath.Fma(Vector256.Create(beta), Vector256.Load(c), scaled), c);
    }
}
