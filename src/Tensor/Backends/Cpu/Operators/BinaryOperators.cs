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

    /// <summary>y = a ∘ b with b one value.</summary>
    public static void ApplyScalarRight<TOp, T>(ReadOnlySpan<T> a, T b, Span<T> y)
        where TOp : IBinaryOperator<T>
        where T : unmanaged
    {
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = (nuint)a.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            var bv = Vector512.Create(b);
            for (; i + (nuint)Vector512<T>.Count <= n; i += (nuint)Vector512<T>.Count)
            {
                TOp.Invoke(Vector512.LoadUnsafe(ref ar, i), bv).StoreUnsafe(ref yr, i);
            }
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            var bv = Vector256.Create(b);
            for (; i + (nuint)Vector256<T>.Count <= n; i += (nuint)Vector256<T>.Count)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref ar, i), bv).StoreUnsafe(ref yr, i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) = TOp.Invoke(Unsafe.Add(ref ar, i), b);
        }
    }

    /// <summary>
    /// y[r·run + j] = a[r·run + j] ∘ values[r] with run = a.Length / values.Length: each value against its own run of a,
    /// as a [R, 1] operand broadcast against [R, run] is (in a max's backward, the maxima against the input). Short runs
    /// go element by element in one loop; a call per run would cost more than its few elements.
    /// </summary>
    public static void ApplyRuns<TOp, T>(ReadOnlySpan<T> a, ReadOnlySpan<T> values, Span<T> y)
        where TOp : IBinaryOperator<T>
        where T : unmanaged
    {
        int run = a.Length / values.Length;
        if (run >= Vector256<T>.Count)
        {
            for (int r = 0, start = 0; r < values.Length; r++, start += run)
            {
                ApplyScalarRight<TOp, T>(a.Slice(start, run), values[r], y.Slice(start, run));
            }
            return;
        }
        ref var ar = ref MemoryMarshal.GetReference(a);
        ref var yr = ref MemoryMarshal.GetReference(y);
        nuint i = 0;
        foreach (var v in values)
        {
            for (var end = i + (nuint)run; i < end; i++)
            {
                Unsafe.Add(ref yr, i) = TOp.Invoke(Unsafe.Add(ref ar, i), v);
            }
        }
    }
}

/// <summary><typeparamref name="TOp"/> with its operands exchanged, b ∘ a: a broadcast operand on the left runs through the right-hand forms.</summary>
internal readonly struct SwappedOperator<TOp, T> : IBinaryOperator<T> where TOp : IBinaryOperator<T> where T : unmanaged
{
    public static T Invoke(T a, T b) => TOp.Invoke(b, a);

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => TOp.Invoke(b, a);

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => TOp.Invoke(b, a);
}

/// <summary>a + b (IEEE, so the same bits as TensorPrimitives.Add).</summary>
internal readonly struct AddOperator<T> : IBinaryOperator<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => a + b;

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => a + b;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => a + b;
}

/// <summary>a − b.</summary>
internal readonly struct SubtractOperator<T> : IBinaryOperator<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => a - b;

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => a - b;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => a - b;
}

/// <summary>a · b.</summary>
internal readonly struct MultiplyOperator<T> : IBinaryOperator<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => a * b;

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => a * b;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => a * b;
}

/// <summary>a / b.</summary>
internal readonly struct DivideOperator<T> : IBinaryOperator<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => a / b;

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => a / b;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => a / b;
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
