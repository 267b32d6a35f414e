using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu.Operators;

/// <summary>An elementwise operator of two arguments, written once for every vector width (see <see cref="IUnaryOperator{T}"/>).</summary>
internal interface IBinaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T a, T b);

    static abstract Vector256<T> Invoke(Vector256<T> a, Vector256<T> b);

    static abstract Vector512<T> Invoke(Vector512<T> a, Vector512<T> b);
}

/// <summary>Runs an <see cref="IBinaryOperator{T}"/> over two spans: Vector512, then Vector256, then scalar.</summary>
internal static class BinaryDriver
{
    public static void Apply<TOp, T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y)
        where TOp : IBinaryOperator<T>
        where T : unmanaged
    {
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var br = ref MemoryMarshal.GetReference(b);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = (nuint)a.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            for (; i + (nuint)Vector512<T>.Count <= n; i += (nuint)Vector512<T>.Count)
            {
                TOp.Invoke(Vector512.LoadUnsafe(ref ar, i), Vector512.LoadUnsafe(ref br, i)).StoreUnsafe(ref yr, i);
            }
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (; i + (nuint)Vector256<T>.Count <= n; i += (nuint)Vector256<T>.Count)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref ar, i), Vector256.LoadUnsafe(ref br, i)).StoreUnsafe(ref yr, i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) = TOp.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i));
        }
    }
}

/// <summary>
/// a where b &gt; 0, else 0: the backward of ReLU with ReLU′(0) = 0, one pass instead of a step and a product.
/// A NaN or infinite gradient at an inactive unit becomes 0 (g·0 would be NaN), as PyTorch's threshold_backward does.
/// </summary>
internal readonly struct ReluBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => b > T.Zero ? a : T.Zero;

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(b, Vector256<T>.Zero), a, Vector256<T>.Zero);

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(b, Vector512<T>.Zero), a, Vector512<T>.Zero);
}
