using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.Optim;

// Problem: L-BFGS-B spends its non-objective time in a handful of level-1 operations over
// n-vectors: dot products, axpy, and products with the n × 2m matrix W of stored pairs.
// Approach: explicit Vector512 / Vector256 loops with a fixed accumulation order (so the
// same inputs give bitwise the same sums on one machine), and "blocked" products with W that
// walk the vectors in chunks small enough to stay in L1, so that each stored vector is read
// from memory once per product instead of once per right-hand side. The fused sweeps of the
// solver (PairUpdate, SubspaceMinimization) are built from the chunk-level kernels here:
// AddDots (several right-hand sides per load of the left one, each sum bitwise Dot),
// ElementwiseOps and Prefetch. The chunk length is part of the results (the chunk sums of DotBlock): keep it.
// References:
//   [1] Nocedal & Wright 2006, Numerical Optimization, 2nd ed., §7.2 (cost of L-BFGS products).

/// <summary>Vectorised level-1 kernels on double spans used by the L-BFGS-B code.</summary>
internal static class VectorOps
{
    /// <summary>Elements per chunk in blocked products: 512 doubles = 4 KiB per vector.</summary>
    internal const int ChunkLength = 512;

    /// <summary>
    /// Up to this many variables (64 KiB per vector) the solver's vectors stay in cache from one sweep to the next, so
    /// work saved counts for more than passes over memory saved (the breakpoint heap's lazy build, the pair formed only
    /// after a step is accepted); past it the passes decide.
    /// </summary>
    internal const int CacheResidentLength = 8192;

    /// <summary>
    /// Asks the cache for the chunk of <paramref name="v"/> starting at <paramref name="start"/>
    /// (no effect on any value). The fused sweeps, which do several operations per chunk of a
    /// stored vector, issue it one chunk ahead for every stored vector, so the memory traffic
    /// overlaps the arithmetic on the current chunk instead of stalling after it (a chunk is one
    /// 4 KiB page, which the hardware prefetchers do not run ahead into). A plain one-product
    /// stream is faster without it.
    /// </summary>
    public static unsafe void Prefetch(double[] v, int start)
    {
        if (!Sse.IsSupported || start >= v.Length)
        {
            return;
        }
        int end = Math.Min(start + ChunkLength, v.Length);
        fixed (double* p = v)
        {
            for (int i = start; i < end; i += 8)
            {
                Sse.Prefetch0(p + i);
            }
        }
    }

    /// <summary>Returns Σ a_i b_i.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        double sum = 0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var acc0 = Vector512<double>.Zero;
            var acc1 = Vector512<double>.Zero;
            for (; i <= n - 16; i += 16)
            {
                acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, (nuint)i), Vector512.LoadUnsafe(ref rb, (nuint)i), acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, (nuint)(i + 8)), Vector512.LoadUnsafe(ref rb, (nuint)(i + 8)), acc1);
            }
            sum = Vector512.Sum(acc0 + acc1);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var acc0 = Vector256<double>.Zero;
            var acc1 = Vector256<double>.Zero;
            for (; i <= n - 8; i += 8)
            {
                acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), acc0);
                acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)(i + 4)), Vector256.LoadUnsafe(ref rb, (nuint)(i + 4)), acc1);
            }
            sum = Vector256.Sum(acc0 + acc1);
        }
        for (; i < n; i++)
        {
            sum = Math.FusedMultiplyAdd(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i), sum);
        }
        return sum;
    }

    /// <summary>y ← y + alpha·x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector512.IsHardwareAccelerated && n >= 8)
        {
            var va = Vector512.Create(alpha);
            for (; i <= n - 8; i += 8)
            {
                Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref rx, (nuint)i), Vector512.LoadUnsafe(ref ry, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var va = Vector256.Create(alpha);
            for (; i <= n - 4; i += 4)
            {
                Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref ry, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref ry, i) = Math.FusedMultiplyAdd(alpha, Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i));
        }
    }

    /// <summary>
    /// y ← y + a0·x0 + a1·x1 + a2·x2 + a3·x3, one fused multiply-add per term in that order: bitwise four calls of
    /// <see cref="Axpy"/> (each element's chain is the same whatever the width), with y read and written once.
    /// </summary>
    public static void AxpyFour(double a0, ReadOnlySpan<double> x0, double a1, ReadOnlySpan<double> x1,
        double a2, ReadOnlySpan<double> x2, double a3, ReadOnlySpan<double> x3, Span<double> y)
    {
        int n = y.Length, i = 0;
        ref double r0 = ref MemoryMarshal.GetReference(x0);
        ref double r1 = ref MemoryMarshal.GetReference(x1);
        ref double r2 = ref MemoryMarshal.GetReference(x2);
        ref double r3 = ref MemoryMarshal.GetReference(x3);
        ref double ry = ref MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<double> v0 = Vector512.Create(a0), v1 = Vector512.Create(a1), v2 = Vector512.Create(a2), v3 = Vector512.Create(a3);
            for (; i <= n - 8; i += 8)
            {
                var acc = Vector512.FusedMultiplyAdd(v0, Vector512.LoadUnsafe(ref r0, (nuint)i), Vector512.LoadUnsafe(ref ry, (nuint)i));
                acc = Vector512.FusedMultiplyAdd(v1, Vector512.LoadUnsafe(ref r1, (nuint)i), acc);
                acc = Vector512.FusedMultiplyAdd(v2, Vector512.LoadUnsafe(ref r2, (nuint)i), acc);
                Vector512.FusedMultiplyAdd(v3, Vector512.LoadUnsafe(ref r3, (nuint)i), acc).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> v0 = Vector256.Create(a0), v1 = Vector256.Create(a1), v2 = Vector256.Create(a2), v3 = Vector256.Create(a3);
            for (; i <= n - 4; i += 4)
            {
                var acc = Vector256.FusedMultiplyAdd(v0, Vector256.LoadUnsafe(ref r0, (nuint)i), Vector256.LoadUnsafe(ref ry, (nuint)i));
                acc = Vector256.FusedMultiplyAdd(v1, Vector256.LoadUnsafe(ref r1, (nuint)i), acc);
                acc = Vector256.FusedMultiplyAdd(v2, Vector256.LoadUnsafe(ref r2, (nuint)i), acc);
                Vector256.FusedMultiplyAdd(v3, Vector256.LoadUnsafe(ref r3, (nuint)i), acc).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double acc = Math.FusedMultiplyAdd(a0, Unsafe.Add(ref r0, i), Unsafe.Add(ref ry, i));
            acc = Math.FusedMultiplyAdd(a1, Unsafe.Add(ref r1, i), acc);
            acc = Math.FusedMultiplyAdd(a2, Unsafe.Add(ref r2, i), acc);
            Unsafe.Add(ref ry, i) = Math.FusedMultiplyAdd(a3, Unsafe.Add(ref r3, i), acc);
        }
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> and returns Dot(destination, d) (bitwise <see cref="Dot"/>) in one pass.</summary>
    public static double CopyAndDot(ReadOnlySpan<double> source, Span<double> destination, ReadOnlySpan<double> d)
    {
        int n = source.Length;
        var acc = new DotAccumulator(n);
        for (int start = 0; start < n; start += ChunkLength)
        {
            int len = Math.Min(ChunkLength, n - start);
            source.Slice(start, len).CopyTo(destination.Slice(start, len));
            acc.Add(destination.Slice(start, len), d.Slice(start, len));
        }
        return acc.Result;
    }

    /// <summary>Returns max_i |x_i| (max is exact and order-free, so lanes may be combined in any order).</summary>
    public static double InfinityNorm(ReadOnlySpan<double> x)
    {
        int n = x.Length, i = 0;
        double max = 0;
        if (Vector512.IsHardwareAccelerated && n >= 8)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            var acc = Vector512<double>.Zero;
            for (; i <= n - 8; i += 8)
            {
                acc = Vector512.Max(acc, Vector512.Abs(Vector512.LoadUnsafe(ref rx, (nuint)i)));
            }
            for (int k = 0; k < 8; k++)
            {
                max = Math.Max(max, acc[k]);
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            var acc = Vector256<double>.Zero;
            for (; i <= n - 4; i += 4)
            {
                acc = Vector256.Max(acc, Vector256.Abs(Vector256.LoadUnsafe(ref rx, (nuint)i)));
            }
            for (int k = 0; k < 4; k++)
            {
                max = Math.Max(max, acc[k]);
            }
        }
        for (; i < n; i++)
        {
            max = Math.Max(max, Math.Abs(x[i]));
        }
        return max;
    }

    /// <summary>
    /// All products lhs[a] · rhs[b] for a &lt; lhsCount, b &lt; rhsCount, accumulated chunk by chunk
    /// into <paramref name="result"/>[a·rhsCount + b]; each vector is streamed from memory once.
    /// </summary>
    public static void DotBlock(ReadOnlySpan<double[]> lhs, ReadOnlySpan<double[]> rhs, Span<double> result)
    {
        result[..(lhs.Length * rhs.Length)].Clear();
        if (lhs.Length == 0 || rhs.Length == 0)
        {
            return;
        }
        int n = rhs[0].Length;
        for (int start = 0; start < n; start += ChunkLength)
        {
            int len = Math.Min(ChunkLength, n - start);
            for (int a = 0; a < lhs.Length; a++)
            {
                var row = new ReadOnlySpan<double>(lhs[a], start, len);
                for (int b = 0; b < rhs.Length; b += 4)
                {
                    int k = Math.Min(4, rhs.Length - b);
                    AddDots(row, Chunk(rhs, b, start, len), Chunk(rhs, b + 1, start, len),
                        Chunk(rhs, b + 2, start, len), Chunk(rhs, b + 3, start, len), k, result.Slice(a * rhs.Length + b, k));
                }
            }
        }
    }

    private static ReadOnlySpan<double> Chunk(ReadOnlySpan<double[]> vectors, int b, int start, int len) =>
        b < vectors.Length ? new ReadOnlySpan<double>(vectors[b], start, len) : default;

    /// <summary>
    /// sums[j] += Dot(a, b_j) for the first <paramref name="count"/> (1–4) of b0…b3, each sum
    /// bitwise equal to <see cref="Dot"/>: the products are interleaved only to fill the FMA
    /// pipeline and to load <paramref name="a"/> once, never reassociated.
    /// </summary>
    public static void AddDots(ReadOnlySpan<double> a, ReadOnlySpan<double> b0, ReadOnlySpan<double> b1,
        ReadOnlySpan<double> b2, ReadOnlySpan<double> b3, int count, Span<double> sums)
    {
        int n = a.Length;
        // The width Dot picks for n; one right-hand side gains nothing from interleaving.
        bool wide = Vector512.IsHardwareAccelerated && n >= 16;
        if (count == 1 || (!wide && !(Vector256.IsHardwareAccelerated && n >= 8)))
        {
            sums[0] += Dot(a, b0);
            for (int j = 1; j < count; j++)
            {
                sums[j] += Dot(a, j == 1 ? b1 : j == 2 ? b2 : b3);
            }
            return;
        }
        // Missing right-hand sides repeat b0; their sums are computed and dropped.
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double r0 = ref MemoryMarshal.GetReference(b0);
        ref double r1 = ref MemoryMarshal.GetReference(count > 1 ? b1 : b0);
        ref double r2 = ref MemoryMarshal.GetReference(count > 2 ? b2 : b0);
        ref double r3 = ref MemoryMarshal.GetReference(count > 3 ? b3 : b0);
        Span<double> s = stackalloc double[4];
        int i = wide ? FourDots512(ref ra, ref r0, ref r1, ref r2, ref r3, n, s) : FourDots256(ref ra, ref r0, ref r1, ref r2, ref r3, n, s);
        double s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
        for (; i < n; i++)
        {
            double ai = Unsafe.Add(ref ra, i);
            s0 = Math.FusedMultiplyAdd(ai, Unsafe.Add(ref r0, i), s0);
            s1 = Math.FusedMultiplyAdd(ai, Unsafe.Add(ref r1, i), s1);
            s2 = Math.FusedMultiplyAdd(ai, Unsafe.Add(ref r2, i), s2);
            s3 = Math.FusedMultiplyAdd(ai, Unsafe.Add(ref r3, i), s3);
        }
        sums[0] += s0;
        sums[1] += s1;
        if (count > 2)
        {
            sums[2] += s2;
        }
        if (count > 3)
        {
            sums[3] += s3;
        }
    }

    // Dot's Vector512 loop for four right-hand sides at once (a loaded once); returns where the scalar tail starts.
    private static int FourDots512(ref double ra, ref double r0, ref double r1, ref double r2, ref double r3, int n, Span<double> sums)
    {
        Vector512<double> p0 = default, q0 = default, p1 = default, q1 = default;
        Vector512<double> p2 = default, q2 = default, p3 = default, q3 = default;
        int i = 0;
        for (; i <= n - 16; i += 16)
        {
            var lo = Vector512.LoadUnsafe(ref ra, (nuint)i);
            var hi = Vector512.LoadUnsafe(ref ra, (nuint)(i + 8));
            p0 = Vector512.FusedMultiplyAdd(lo, Vector512.LoadUnsafe(ref r0, (nuint)i), p0);
            q0 = Vector512.FusedMultiplyAdd(hi, Vector512.LoadUnsafe(ref r0, (nuint)(i + 8)), q0);
            p1 = Vector512.FusedMultiplyAdd(lo, Vector512.LoadUnsafe(ref r1, (nuint)i), p1);
            q1 = Vector512.FusedMultiplyAdd(hi, Vector512.LoadUnsafe(ref r1, (nuint)(i + 8)), q1);
            p2 = Vector512.FusedMultiplyAdd(lo, Vector512.LoadUnsafe(ref r2, (nuint)i), p2);
            q2 = Vector512.FusedMultiplyAdd(hi, Vector512.LoadUnsafe(ref r2, (nuint)(i + 8)), q2);
            p3 = Vector512.FusedMultiplyAdd(lo, Vector512.LoadUnsafe(ref r3, (nuint)i), p3);
            q3 = Vector512.FusedMultiplyAdd(hi, Vector512.LoadUnsafe(ref r3, (nuint)(i + 8)), q3);
        }
        sums[0] = Vector512.Sum(p0 + q0);
        sums[1] = Vector512.Sum(p1 + q1);
        sums[2] = Vector512.Sum(p2 + q2);
        sums[3] = Vector512.Sum(p3 + q3);
        return i;
    }

    // Dot's Vector256 loop for four right-hand sides at once (a loaded once); returns where the scalar tail starts.
    private static int FourDots256(ref double ra, ref double r0, ref double r1, ref double r2, ref double r3, int n, Span<double> sums)
    {
        Vector256<double> p0 = default, q0 = default, p1 = default, q1 = default;
        Vector256<double> p2 = default, q2 = default, p3 = default, q3 = default;
        int i = 0;
        for (; i <= n - 8; i += 8)
        {
            var lo = Vector256.LoadUnsafe(ref ra, (nuint)i);
            var hi = Vector256.LoadUnsafe(ref ra, (nuint)(i + 4));
            p0 = Vector256.FusedMultiplyAdd(lo, Vector256.LoadUnsafe(ref r0, (nuint)i), p0);
            q0 = Vector256.FusedMultiplyAdd(hi, Vector256.LoadUnsafe(ref r0, (nuint)(i + 4)), q0);
            p1 = Vector256.FusedMultiplyAdd(lo, Vector256.LoadUnsafe(ref r1, (nuint)i), p1);
            q1 = Vector256.FusedMultiplyAdd(hi, Vector256.LoadUnsafe(ref r1, (nuint)(i + 4)), q1);
            p2 = Vector256.FusedMultiplyAdd(lo, Vector256.LoadUnsafe(ref r2, (nuint)i), p2);
            q2 = Vector256.FusedMultiplyAdd(hi, Vector256.LoadUnsafe(ref r2, (nuint)(i + 4)), q2);
            p3 = Vector256.FusedMultiplyAdd(lo, Vector256.LoadUnsafe(ref r3, (nuint)i), p3);
            q3 = Vector256.FusedMultiplyAdd(hi, Vector256.LoadUnsafe(ref r3, (nuint)(i + 4)), q3);
        }
        sums[0] = Vector256.Sum(p0 + q0);
        sums[1] = Vector256.Sum(p1 + q1);
        sums[2] = Vector256.Sum(p2 + q2);
        sums[3] = Vector256.Sum(p3 + q3);
        return i;
    }

    /// <summary>
    /// result = Σ_a coefficients[a]·vectors[a], written chunk by chunk so that the output chunk
    /// stays in L1 while every stored vector streams past once.
    /// </summary>
    public static void LinearCombination(ReadOnlySpan<double[]> vectors, ReadOnlySpan<double> coefficients, Span<double> result)
    {
        int n = result.Length;
        for (int start = 0; start < n; start += ChunkLength)
        {
            int len = Math.Min(ChunkLength, n - start);
            var outChunk = result.Slice(start, len);
            outChunk.Clear();
            for (int a = 0; a < vectors.Length; a++)
            {
                Axpy(coefficients[a], new ReadOnlySpan<double>(vectors[a], start, len), outChunk);
            }
        }
    }
}
