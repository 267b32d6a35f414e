using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Max pooling with 2×2 windows, stride 2 and no padding (the pooling of LeNet-style and VGG-style networks), with
/// none of the general path's per-window clipping. Output (oy, ox) reads inputs i0 = 2·oy·W + 2·ox, i0 + 1, i0 + W,
/// i0 + W + 1 in that (row-major) order and applies the rule of <see cref="Pool2dEngine"/>: the maximum starts at
/// the first input, and a later input v replaces it when <c>v &gt; max || isnan(v)</c>; so ties keep the first
/// maximum and a window with NaN yields its last NaN. In float with AVX2, eight outputs at a time: two loads per
/// input row are split into even and odd columns (shufps, then vpermpd to restore the order), and the rule runs as
/// compares and blends on whole vectors; a row whose width is not a multiple of eight ends with an overlapping
/// vector that rewrites the same values.
/// </summary>
internal static unsafe class MaxPool2x2
{
    /// <summary>Whether the fast path computes this geometry.</summary>
    public static bool Applies(in Pool2dGeometry g) =>
        g is { KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2, PadH: 0, PadW: 0 };

    /// <summary>Pools planes [firstPlane, lastPlane) of <paramref name="x"/> into <paramref name="y"/> and <paramref name="argmax"/>.</summary>
    public static void Forward<T>(in Pool2dGeometry g, T* x, T* y, int* argmax, int firstPlane, int lastPlane)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = g.Width, hw = g.Height * g.Width, oh = g.OutHeight, ow = g.OutWidth, ohw = oh * ow;
        bool vector = typeof(T) == typeof(float) && Avx2.IsSupported && ow >= Vector256<float>.Count;
        for (int plane = firstPlane; plane < lastPlane; plane++)
        {
            T* xp = x + (long)plane * hw;
            T* yp = y + (long)plane * ohw;
            int* ip = argmax + (long)plane * ohw;
            for (int oy = 0; oy < oh; oy++, yp += ow, ip += ow)
            {
                int row = 2 * oy * w;
                if (vector)
                {
                    for (int ox = 0; ox < ow; ox += Vector256<float>.Count)
                    {
                        EightWindows((float*)xp, row + 2 * Math.Min(ox, ow - Vector256<float>.Count), w,
                            (float*)yp + Math.Min(ox, ow - Vector256<float>.Count), ip + Math.Min(ox, ow - Vector256<float>.Count));
                    }

                    continue;
                }

                for (int ox = 0; ox < ow; ox++)
                {
                    int i0 = row + 2 * ox, best = i0;
                    T max = xp[i0];
                    Consider(xp, i0 + 1, ref max, ref best);
                    Consider(xp, i0 + w, ref max, ref best);
                    Consider(xp, i0 + w + 1, ref max, ref best);
                    yp[ox] = max;
                    ip[ox] = best;
                }
            }
        }
    }

    private static void Consider<T>(T* plane, int index, ref T max, ref int best) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T v = plane[index];
        if (v > max || T.IsNaN(v))
        {
            max = v;
            best = index;
        }
    }

    /// <summary>The eight windows whose first input is plane[i0 + 2·k], k &lt; 8, into y[k] and argmax[k].</summary>
    private static void EightWindows(float* plane, int i0, int w, float* y, int* argmax)
    {
        var (a, b) = EvenOdd(plane + i0);
        var (c, d) = EvenOdd(plane + i0 + w);
        var first = Vector256.Create(i0) + Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        var max = a;
        var best = first;
        Consider(b, first + Vector256.Create(1), ref max, ref best);
        Consider(c, first + Vector256.Create(w), ref max, ref best);
        Consider(d, first + Vector256.Create(w + 1), ref max, ref best);
        max.Store(y);
        best.Store(argmax);
    }

    private static void Consider(Vector256<float> v, Vector256<int> index, ref Vector256<float> max, ref Vector256<int> best)
    {
        // v > max is false for NaN on either side; v ≠ v is true exactly for NaN.
        var take = Vector256.GreaterThan(v, max) | ~Vector256.Equals(v, v);
        max = Vector256.ConditionalSelect(take, v, max);
        best = Vector256.ConditionalSelect(take.AsInt32(), index, best);
    }

    /// <summary>Sixteen consecutive floats split into their even- and odd-indexed elements, each in order.</summary>
    private static (Vector256<float> Even, Vector256<float> Odd) EvenOdd(float* p)
    {
        Vector256<float> lo = Avx.LoadVector256(p), hi = Avx.LoadVector256(p + 8);
        // Per 128-bit lane shufps gives [lo0 lo2 hi0 hi2 | lo4 lo6 hi4 hi6]; vpermpd 0xD8 swaps the middle pairs.
        var even = Avx.Shuffle(lo, hi, 0b10_00_10_00);
        var odd = Avx.Shuffle(lo, hi, 0b11_01_11_01);
        return (Avx2.Permute4x64(even.AsDouble(), 0b11_01_10_00).AsSingle(),
            Avx2.Permute4x64(odd.AsDouble(), 0b11_01_10_00).AsSingle());
    }
}
