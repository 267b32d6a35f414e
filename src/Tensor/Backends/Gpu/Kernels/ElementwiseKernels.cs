using ILGPU;

namespace Scratch.Backends.Gpu.Kernels;

/// <summary>
/// Elementwise kernels, one per shape of computation (map, zip, compare, where, clamp, cast, copy),
/// each thread producing output element <c>i</c> of a contiguous result and reading every input
/// through its <see cref="StridedView"/> (broadcast dimensions have stride 0).
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>y[i] = f(x[i]).</summary>
    public static void Map<T, TN, TOp>(Index1D i, ArrayView<T> x, StridedView vx, ArrayView<T> y)
        where T : unmanaged where TN : struct, INumeric<T> where TOp : struct, IUnaryOp =>
        y[i] = TOp.Apply<T, TN>(x[vx.At(i)]);

    /// <summary>y[i] = a[i] ∘ b[i].</summary>
    public static void Zip<T, TN, TOp>(Index1D i, ArrayView<T> a, StridedView va, ArrayView<T> b, StridedView vb, ArrayView<T> y)
        where T : unmanaged where TN : struct, INumeric<T> where TOp : struct, IBinaryOp =>
        y[i] = TOp.Apply<T, TN>(a[va.At(i)], b[vb.At(i)]);

    /// <summary>y[i] = a[i] ∘ b[i] ? 1 : 0.</summary>
    public static void Compare<T, TS, TOp>(Index1D i, ArrayView<T> a, StridedView va, ArrayView<T> b, StridedView vb, ArrayView<T> y)
        where T : unmanaged where TS : struct, IScalar<T> where TOp : struct, ICompareOp =>
        y[i] = TOp.Test<T, TS>(a[va.At(i)], b[vb.At(i)]) ? TS.One : TS.Zero;

    /// <summary>y[i] = cond[i] ≠ 0 ? a[i] : b[i].</summary>
    public static void Where<TC, TCS, T>(Index1D i, ArrayView<TC> cond, StridedView vc, ArrayView<T> a, StridedView va, ArrayView<T> b, StridedView vb, ArrayView<T> y)
        where TC : unmanaged where TCS : struct, IScalar<TC> where T : unmanaged =>
        y[i] = TCS.IsNonZero(cond[vc.At(i)]) ? a[va.At(i)] : b[vb.At(i)];

    /// <summary>y[i] = min(max(x[i], lo), hi); NaN stays NaN (both comparisons are false).</summary>
    public static void Clamp<T, TN>(Index1D i, ArrayView<T> x, StridedView vx, T lo, T hi, ArrayView<T> y)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var v = x[vx.At(i)];
        y[i] = TN.Less(v, lo) ? lo : TN.Less(hi, v) ? hi : v;
    }

    /// <summary>y[i] = x[i] + sign(d[i])·step, sign(0) = sign(NaN) = 0, clamped to [lo, hi] as <see cref="Clamp{T, TN}"/> clamps.</summary>
    public static void SignStep<T, TN>(Index1D i, ArrayView<T> x, StridedView vx, ArrayView<T> d, StridedView vd, T step, T lo, T hi, ArrayView<T> y)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var v = TN.Add(x[vx.At(i)], TN.Mul(SignOp.Apply<T, TN>(d[vd.At(i)]), step));
        y[i] = TN.Less(v, lo) ? lo : TN.Less(hi, v) ? hi : v;
    }

    /// <summary>y[i] = (TTo) x[i] through double, which is exact for every pair of our dtypes; int32 saturates.</summary>
    public static void Cast<TFrom, TFS, TTo, TTS>(Index1D i, ArrayView<TFrom> x, StridedView vx, ArrayView<TTo> y)
        where TFrom : unmanaged where TFS : struct, IScalar<TFrom> where TTo : unmanaged where TTS : struct, IScalar<TTo> =>
        y[i] = TTS.FromDouble(TFS.ToDouble(x[vx.At(i)]));

    /// <summary>y[vy(i)] = x[vx(i)]: contiguous copies, concatenation into a slice of the output.</summary>
    public static void Copy<T>(Index1D i, ArrayView<T> x, StridedView vx, ArrayView<T> y, StridedView vy)
        where T : unmanaged =>
        y[vy.At(i)] = x[vx.At(i)];

    /// <summary>Element i of the Philox float32 stream, the very function the CPU runs.</summary>
    public static void RandomF32(Index1D i, ArrayView<float> y, RandomDistribution distribution, ulong seed, ulong offset) =>
        y[i] = Philox.FloatAt(distribution, seed, offset + (ulong)i.X);

    /// <summary>Element i of the Philox float64 stream.</summary>
    public static void RandomF64(Index1D i, ArrayView<double> y, RandomDistribution distribution, ulong seed, ulong offset) =>
        y[i] = Philox.DoubleAt(distribution, seed, offset + (ulong)i.X);
}
