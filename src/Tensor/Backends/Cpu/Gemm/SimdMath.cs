using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Width-generic helpers for the GEMM microkernels: a fused multiply-add and the write-back of one tile row.
/// The <c>typeof(T)</c> tests are constants after JIT specialisation, so each call compiles to one instruction.
/// </summary>
internal static class SimdMath
{
    /// <summary>Returns a·b + c with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    /// <summary>Returns a·b + c with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    /// <summary>Returns a·b + c with one rounding, for one float or double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Fma<T>(T a, T b, T c) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            float r = MathF.FusedMultiplyAdd(Unsafe.As<T, float>(ref a), Unsafe.As<T, float>(ref b), Unsafe.As<T, float>(ref c));
            return Unsafe.As<float, T>(ref r);
        }

        double d = Math.FusedMultiplyAdd(Unsafe.As<T, double>(ref a), Unsafe.As<T, double>(ref b), Unsafe.As<T, double>(ref c));
        return Unsafe.As<double, T>(ref d);
    }

    /// <summary>c[0..2w] = (x0, x1): a row of a scratch tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store<T>(T* c, int w, Vector512<T> x0, Vector512<T> x1)
        where T : unmanaged
    {
        Vector512.Store(x0, c);
        Vector512.Store(x1, c + w);
    }

    /// <summary>c[0..2w] = (x0, x1): a row of a scratch tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store<T>(T* c, int w, Vector256<T> x0, Vector256<T> x1)
        where T : unmanaged
    {
        Vector256.Store(x0, c);
        Vector256.Store(x1, c + w);
    }

    /// <summary>c[0..2w] = alpha · (x0, x1) (C is not read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store<T>(T* c, int w, Vector512<T> alpha, Vector512<T> x0, Vector512<T> x1)
        where T : unmanaged
    {
        Vector512.Store(alpha * x0, c);
        Vector512.Store(alpha * x1, c + w);
    }

    /// <summary>c[0..2w] = alpha · (x0, x1) + beta · c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store<T>(T* c, int w, Vector512<T> alpha, Vector512<T> beta, Vector512<T> x0, Vector512<T> x1)
        where T : unmanaged
    {
        Vector512.Store(Fma(beta, Vector512.Load(c), alpha * x0), c);
        Vector512.Store(Fma(beta, Vector512.Load(c + w), alpha * x1), c + w);
    }

    /// <summary>c[0..2w] = alpha · (x0, x1) (C is not read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store<T>(T* c, int w, Vector256<T> alpha, Vector256<T> x0, Vector256<T> x1)
        where T : unmanaged
    {
        Vector256.Store(alpha * x0, c);
        Vector256.Store(alpha * x1, c + w);
    }

    /// <summary>c[0..2w] = alpha · (x0, x1) + beta · c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store<T>(T* c, int w, Vector256<T> alpha, Vector256<T> beta, Vector256<T> x0, Vector256<T> x1)
        where T : unmanaged
    {
        Vector256.Store(Fma(beta, Vector256.Load(c), alpha * x0), c);
        Vector256.Store(Fma(beta, Vector256.Load(c + w), alpha * x1), c + w);
    }
}
