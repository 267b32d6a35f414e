using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu.Operators;

/// <summary>
/// An elementwise operator written once for every vector width, in the pattern of TensorPrimitives'
/// operator structs: the driver picks the widest accelerated width and finishes the tail with the scalar form.
/// </summary>
internal interface IUnaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T x);

    static abstract Vector256<T> Invoke(Vector256<T> x);

    static abstract Vector512<T> Invoke(Vector512<T> x);
}

/// <summary>Runs an <see cref="IUnaryOperator{T}"/> over a span: Vector512, then Vector256, then scalar.</summary>
internal static class UnaryDriver
{
    public static void Apply<TOp, T>(ReadOnlySpan<T> x, Span<T> y)
        where TOp : IUnaryOperator<T>
        where T : unmanaged
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = (nuint)x.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i + (nuint)Vector512<T>.Count <= n; i += (nuint)Vector512<T>.Count)
            {
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, i)).StoreUnsafe(ref yr, i);
            }
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i + (nuint)Vector256<T>.Count <= n; i += (nuint)Vector256<T>.Count)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, i)).StoreUnsafe(ref yr, i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) = TOp.Invoke(Unsafe.Add(ref xr, i));
        }
    }
}

/// <summary>max(x, 0); NaN stays NaN.</summary>
internal readonly struct ReluOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.IsNaN(x) ? x : T.Max(x, T.Zero);

    public static Vector256<T> Invoke(Vector256<T> x) =>
        Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), Vector256<T>.Zero, x);

    public static Vector512<T> Invoke(Vector512<T> x) =>
        Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), Vector512<T>.Zero, x);
}

/// <summary>1 where x &gt; 0, else 0: ReLU′ with the sub-gradient ReLU′(0) = 0 (PyTorch's choice).</summary>
internal readonly struct StepOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => x > T.Zero ? T.One : T.Zero;

    public static Vector256<T> Invoke(Vector256<T> x) => Vector256.GreaterThan(x, Vector256<T>.Zero) & Vector256<T>.One;

    public static Vector512<T> Invoke(Vector512<T> x) => Vector512.GreaterThan(x, Vector512<T>.Zero) & Vector512<T>.One;
}

/// <summary>sign(x) ∈ {−1, 0, 1}, with NaN ↦ 0 so that an FGSM step never writes NaN into an image.</summary>
internal readonly struct SignOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? T.NegativeOne : T.Zero;

    public static Vector256<T> Invoke(Vector256<T> x) =>
        (Vector256.GreaterThan(x, Vector256<T>.Zero) & Vector256<T>.One) - (Vector256.LessThan(x, Vector256<T>.Zero) & Vector256<T>.One);

    public static Vector512<T> Invoke(Vector512<T> x) =>
        (Vector512.GreaterThan(x, Vector512<T>.Zero) & Vector512<T>.One) - (Vector512.LessThan(x, Vector512<T>.Zero) & Vector512<T>.One);
}
