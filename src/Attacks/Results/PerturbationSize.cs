using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scratch.Backends.Cpu;

namespace Scratch.Attacks;

/// <summary>
/// The size of one perturbation r = x′ − x: its L0, L2 and L∞ norms and Szegedy's distortion
/// √(Σᵢ rᵢ² / n), the per-pixel RMS (Szegedy et al. 2014, Table 1: ‖r‖₂ / 28 on MNIST).
/// </summary>
/// <param name="L0">The number of elements changed.</param>
/// <param name="L2">‖r‖₂.</param>
/// <param name="Linf">‖r‖∞.</param>
/// <param name="Distortion">√(Σᵢ rᵢ² / n), n the number of elements of one example.</param>
public readonly record struct PerturbationSize(int L0, double L2, double Linf, double Distortion)
{
    /// <summary>
    /// Measures r, computing in float64. The sum of squares runs as four interleaved sums (element i goes to sum
    /// i mod 4, the lanes of one 4-wide vector; the last n mod 4 elements to the first sum), added pairwise at the end:
    /// four independent chains instead of one, in the same order on every machine. A NaN in r makes L2 and L∞ NaN.
    /// </summary>
    public static PerturbationSize Of(ReadOnlySpan<double> r)
    {
        ref var r0 = ref MemoryMarshal.GetReference(r);
        var n = (nuint)r.Length;
        var sums = new Sums();
        nuint i = 0;
        for (; i + 4 <= n; i += 4)
        {
            sums.Add(Vector256.LoadUnsafe(ref r0, i));
        }
        var tail = new Tail(sums);
        for (; i < n; i++)
        {
            tail.Add(Unsafe.Add(ref r0, i));
        }
        return tail.Size(sums, r.Length);
    }

    /// <summary>
    /// Measures every row of r = x′ − x for float32 rows of <paramref name="length"/> elements: each element is widened
    /// to float64 before the subtraction, so row k gets exactly <see cref="Of"/> of (double)x′ − (double)x, without
    /// that difference being stored. Four rows run side by side, so that their sums (each one chain of dependent
    /// additions) overlap, and a large batch is split by rows across the cores: each row is measured by one thread
    /// alone, so the sizes do not depend on the split.
    /// </summary>
    /// <exception cref="ArgumentException">The spans do not hold <paramref name="sizes"/>.Length rows of <paramref name="length"/>.</exception>
    internal static unsafe void OfRows(ReadOnlySpan<float> perturbed, ReadOnlySpan<float> clean, int length, Span<PerturbationSize> sizes)
    {
        var rows = sizes.Length;
        if (length < 0 || perturbed.Length != clean.Length || perturbed.Length != (long)rows * length)
        {
            throw new ArgumentException($"PerturbationSize.OfRows: {perturbed.Length} and {clean.Length} values for {rows} rows of {length}", nameof(perturbed));
        }
        fixed (float* p = perturbed, c = clean)
        fixed (PerturbationSize* s = sizes)
        {
            // The spans are pinned for the duration of the loop; its bodies see them through their addresses.
            nint pAt = (nint)p, cAt = (nint)c, sAt = (nint)s;
            CpuParallel.For(rows, length, (r0, r1) => OfRowRange(
                new ReadOnlySpan<float>((float*)pAt + (long)r0 * length, (r1 - r0) * length),
                new ReadOnlySpan<float>((float*)cAt + (long)r0 * length, (r1 - r0) * length),
                length, new Span<PerturbationSize>((PerturbationSize*)sAt + r0, r1 - r0)));
        }
    }

    // OfRows on the calling thread: rows four at a time, then one at a time.
    private static void OfRowRange(ReadOnlySpan<float> perturbed, ReadOnlySpan<float> clean, int length, Span<PerturbationSize> sizes)
    {
        var rows = sizes.Length;
        ref var p = ref MemoryMarshal.GetReference(perturbed);
        ref var c = ref MemoryMarshal.GetReference(clean);
        var n = (nuint)length;
        var row = 0;
        for (; row + 4 <= rows; row += 4)
        {
            var start = (nuint)row * n;
            Vector256<double> squares0 = default, squares1 = default, squares2 = default, squares3 = default;
            Vector256<double> largest0 = default, largest1 = default, largest2 = default, largest3 = default;
            Vector256<long> zeros0 = default, zeros1 = default, zeros2 = default, zeros3 = default;
            nuint i = 0;
            for (; i + 8 <= n; i += 8)
            {
                AddEight(ref p, ref c, start + i, ref squares0, ref largest0, ref zeros0);
                AddEight(ref p, ref c, start + n + i, ref squares1, ref largest1, ref zeros1);
                AddEight(ref p, ref c, start + 2 * n + i, ref squares2, ref largest2, ref zeros2);
                AddEight(ref p, ref c, start + 3 * n + i, ref squares3, ref largest3, ref zeros3);
            }
            sizes[row] = FinishRow(new Sums(squares0, largest0, zeros0), ref p, ref c, start, i, n);
            sizes[row + 1] = FinishRow(new Sums(squares1, largest1, zeros1), ref p, ref c, start + n, i, n);
            sizes[row + 2] = FinishRow(new Sums(squares2, largest2, zeros2), ref p, ref c, start + 2 * n, i, n);
            sizes[row + 3] = FinishRow(new Sums(squares3, largest3, zeros3), ref p, ref c, start + 3 * n, i, n);
        }
        for (; row < rows; row++)
        {
            var start = (nuint)row * n;
            Vector256<double> squares = default, largest = default;
            Vector256<long> zeros = default;
            nuint i = 0;
            for (; i + 8 <= n; i += 8)
            {
                AddEight(ref p, ref c, start + i, ref squares, ref largest, ref zeros);
            }
            sizes[row] = FinishRow(new Sums(squares, largest, zeros), ref p, ref c, start, i, n);
        }
    }

    // Elements at..at+7 of x′ − x: two 4-wide steps, in order. The sums are locals of the caller (a struct passed by
    // reference would live in memory, and every step would wait on a store).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddEight(ref float p, ref float c, nuint at, ref Vector256<double> squares, ref Vector256<double> largest, ref Vector256<long> zeros)
    {
        var (pLow, pHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref p, at));
        var (cLow, cHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref c, at));
        Sums.Step(pLow - cLow, ref squares, ref largest, ref zeros);
        Sums.Step(pHigh - cHigh, ref squares, ref largest, ref zeros);
    }

    // The row's elements from i on (fewer than eight): one more 4-wide step if four remain, then the tail.
    private static PerturbationSize FinishRow(Sums sums, ref float p, ref float c, nuint start, nuint i, nuint n)
    {
        if (i + 4 <= n)
        {
            sums.Add(Vector256.WidenLower(Vector128.LoadUnsafe(ref p, start + i).ToVector256()) -
                     Vector256.WidenLower(Vector128.LoadUnsafe(ref c, start + i).ToVector256()));
            i += 4;
        }
        var tail = new Tail(sums);
        for (; i < n; i++)
        {
            tail.Add((double)Unsafe.Add(ref p, start + i) - Unsafe.Add(ref c, start + i));
        }
        return tail.Size(sums, (int)n);
    }

    // The running sums of one r, per lane: squares, the largest magnitude, the count of zeros. Each step is a few
    // single instructions: the magnitudes' maximum is the machine's (vmaxpd), which may drop a NaN; a NaN also makes
    // its lane's sum of squares NaN (a sum of squares cannot turn NaN otherwise), and that lane's maximum is then NaN.
    private struct Sums(Vector256<double> squares, Vector256<double> largest, Vector256<long> zeros)
    {
        public Vector256<double> Squares = squares;
        public Vector256<double> Largest = largest;
        public Vector256<long> Zeros = zeros;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector256<double> v) => Step(v, ref Squares, ref Largest, ref Zeros);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Step(Vector256<double> v, ref Vector256<double> squares, ref Vector256<double> largest, ref Vector256<long> zeros)
        {
            squares += v * v;
            largest = Vector256.MaxNative(Vector256.Abs(v), largest);
            zeros -= Vector256.Equals(v, Vector256<double>.Zero).AsInt64();
        }

        /// <summary>Lane k's largest magnitude: NaN when a NaN went into that lane.</summary>
        public readonly double LargestOf(int k) => double.IsNaN(Squares[k]) ? double.NaN : Largest[k];
    }

    // The first lane's sums continued by the last n mod 4 elements, then the size.
    private struct Tail(Sums sums)
    {
        private double _squares = sums.Squares[0];
        private double _largest = sums.LargestOf(0);
        private long _zeros = Vector256.Sum(sums.Zeros);

        public void Add(double v)
        {
            _squares += v * v;
            _largest = Math.Max(_largest, Math.Abs(v));
            _zeros += v == 0 ? 1 : 0;
        }

        public readonly PerturbationSize Size(in Sums sums, int n)
        {
            var sum = (_squares + sums.Squares[1]) + (sums.Squares[2] + sums.Squares[3]);
            var linf = Math.Max(Math.Max(_largest, sums.LargestOf(1)), Math.Max(sums.LargestOf(2), sums.LargestOf(3)));
            return new PerturbationSize(n - (int)_zeros, Math.Sqrt(sum), linf, n == 0 ? 0 : Math.Sqrt(sum / n));
        }
    }
}
