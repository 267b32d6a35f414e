using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scratch.Backends.Cpu.Operators;

namespace Scratch.Backends.Cpu;

/// <summary>Contiguous binary kernels over TensorPrimitives (our operator structs where it lacks the function), in the three forms a broadcast row needs.</summary>
internal static class BinaryKernels
{
    /// <summary>y = a ∘ b over two rows.</summary>
    public static void Apply<T>(BinaryOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, y); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(a, b, y); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(a, b, y); break;
            case BinaryOp.Div: TensorPrimitives.Divide(a, b, y); break;
            case BinaryOp.Max: TensorPrimitives.Max(a, b, y); break;
            case BinaryOp.Min: TensorPrimitives.Min(a, b, y); break;
            case BinaryOp.Pow: TensorPrimitives.Pow(a, b, y); break;
            case BinaryOp.ReluBackward: BinaryDriver.Apply<ReluBackwardOperator<T>, T>(a, b, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "unknown binary op");
        }
    }

    /// <summary>
    /// y = min(max(x + sign(d)·step, min), max), sign(0) = sign(NaN) = 0: the operations of a sign pass
    /// (<see cref="SignOperator{T}"/>), a scaling pass, an add pass and <see cref="UnaryKernels.Clamp"/> (so the same
    /// bits) in one pass. With min = −∞ and max = +∞ the clamp changes nothing, NaN and −0 included.
    /// </summary>
    public static void SignStep<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> d, T step, T min, T max, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var dr = ref MemoryMarshal.GetReference(d);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = (nuint)x.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            Vector512<T> s = Vector512.Create(step), lo = Vector512.Create(min), hi = Vector512.Create(max);
            for (; i + (nuint)Vector512<T>.Count <= n; i += (nuint)Vector512<T>.Count)
            {
                var sign = SignOperator<T>.Invoke(Vector512.LoadUnsafe(ref dr, i));
                Vector512.Min(Vector512.Max(Vector512.LoadUnsafe(ref xr, i) + sign * s, lo), hi).StoreUnsafe(ref yr, i);
            }
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            Vector256<T> s = Vector256.Create(step), lo = Vector256.Create(min), hi = Vector256.Create(max);
            for (; i + (nuint)Vector256<T>.Count <= n; i += (nuint)Vector256<T>.Count)
            {
                var sign = SignOperator<T>.Invoke(Vector256.LoadUnsafe(ref dr, i));
                Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref xr, i) + sign * s, lo), hi).StoreUnsafe(ref yr, i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) = T.Min(T.Max(Unsafe.Add(ref xr, i) + SignOperator<T>.Invoke(Unsafe.Add(ref dr, i)) * step, min), max);
        }
    }

    /// <summary>y = a ∘ b with b one value.</summary>
    public static void ApplyScalarRight<T>(BinaryOp op, ReadOnlySpan<T> a, T b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, y); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(a, b, y); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(a, b, y); break;
            case BinaryOp.Div: TensorPrimitives.Divide(a, b, y); break;
            case BinaryOp.Max: TensorPrimitives.Max(a, b, y); break;
            case BinaryOp.Min: TensorPrimitives.Min(a, b, y); break;
            case BinaryOp.Pow: TensorPrimitives.Pow(a, b, y); break;
            case BinaryOp.ReluBackward when b > T.Zero: a.CopyTo(y); break;
            case BinaryOp.ReluBackward: y.Clear(); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "unknown binary op");
        }
    }

    /// <summary>y = a ∘ b with a one value.</summary>
    public static void ApplyScalarLeft<T>(BinaryOp op, T a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case BinaryOp.Sub: TensorPrimitives.Subtract(a, b, y); break;
            case BinaryOp.Div: TensorPrimitives.Divide(a, b, y); break;
            case BinaryOp.Pow: TensorPrimitives.Pow(a, b, y); break;
            case BinaryOp.ReluBackward:
                for (var i = 0; i < y.Length; i++)
                {
                    y[i] = b[i] > T.Zero ? a : T.Zero;
                }
                break;
            default: ApplyScalarRight(op, b, a, y); break; // the other ops commute
        }
    }

    /// <summary>Whether <see cref="ApplyRuns"/> has a form for <paramref name="op"/>: + − · / (the others' TensorPrimitives forms have no per-element operator here).</summary>
    public static bool HasRunsForm(BinaryOp op) => op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div;

    /// <summary>
    /// y[r·run + j] = a[r·run + j] ∘ values[r] (values ∘ a when <paramref name="valuesLeft"/>), run = a.Length / values.Length:
    /// a [R, 1] operand broadcast against [R, run] in one call, for the ops of <see cref="HasRunsForm"/>.
    /// </summary>
    public static void ApplyRuns<T>(BinaryOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> values, Span<T> y, bool valuesLeft)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op, valuesLeft)
        {
            case (BinaryOp.Add, _): BinaryDriver.ApplyRuns<AddOperator<T>, T>(a, values, y); break;
            case (BinaryOp.Mul, _): BinaryDriver.ApplyRuns<MultiplyOperator<T>, T>(a, values, y); break;
            case (BinaryOp.Sub, false): BinaryDriver.ApplyRuns<SubtractOperator<T>, T>(a, values, y); break;
            case (BinaryOp.Sub, true): BinaryDriver.ApplyRuns<SwappedOperator<SubtractOperator<T>, T>, T>(a, values, y); break;
            case (BinaryOp.Div, false): BinaryDriver.ApplyRuns<DivideOperator<T>, T>(a, values, y); break;
            case (BinaryOp.Div, true): BinaryDriver.ApplyRuns<SwappedOperator<DivideOperator<T>, T>, T>(a, values, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "no runs form; expected + − · /");
        }
    }

    /// <summary>y = a ∘ b as 1 or 0, over two rows.</summary>
    public static void Compare<T>(CompareOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) where T : unmanaged, INumber<T>
    {
        switch (op)
        {
            case CompareOp.Equal: BinaryDriver.Apply<EqualOperator<T>, T>(a, b, y); break;
            case CompareOp.NotEqual: BinaryDriver.Apply<NotEqualOperator<T>, T>(a, b, y); break;
            case CompareOp.Less: BinaryDriver.Apply<LessOperator<T>, T>(a, b, y); break;
            case CompareOp.LessEqual: BinaryDriver.Apply<LessEqualOperator<T>, T>(a, b, y); break;
            case CompareOp.Greater: BinaryDriver.Apply<GreaterOperator<T>, T>(a, b, y); break;
            case CompareOp.GreaterEqual: BinaryDriver.Apply<GreaterEqualOperator<T>, T>(a, b, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "unknown comparison");
        }
    }

    /// <summary>y = a ∘ b as 1 or 0, with b one value (for a value on the left, compare with <see cref="Mirror"/>).</summary>
    public static void CompareScalarRight<T>(CompareOp op, ReadOnlySpan<T> a, T b, Span<T> y) where T : unmanaged, INumber<T>
    {
        switch (op)
        {
            case CompareOp.Equal: BinaryDriver.ApplyScalarRight<EqualOperator<T>, T>(a, b, y); break;
            case CompareOp.NotEqual: BinaryDriver.ApplyScalarRight<NotEqualOperator<T>, T>(a, b, y); break;
            case CompareOp.Less: BinaryDriver.ApplyScalarRight<LessOperator<T>, T>(a, b, y); break;
            case CompareOp.LessEqual: BinaryDriver.ApplyScalarRight<LessEqualOperator<T>, T>(a, b, y); break;
            case CompareOp.Greater: BinaryDriver.ApplyScalarRight<GreaterOperator<T>, T>(a, b, y); break;
            case CompareOp.GreaterEqual: BinaryDriver.ApplyScalarRight<GreaterEqualOperator<T>, T>(a, b, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "unknown comparison");
        }
    }

    /// <summary>y[r·run + j] = a[r·run + j] ∘ values[r] as 1 or 0 (see <see cref="ApplyRuns"/>; values on the left through <see cref="Mirror"/>).</summary>
    public static void CompareRuns<T>(CompareOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> values, Span<T> y) where T : unmanaged, INumber<T>
    {
        switch (op)
        {
            case CompareOp.Equal: BinaryDriver.ApplyRuns<EqualOperator<T>, T>(a, values, y); break;
            case CompareOp.NotEqual: BinaryDriver.ApplyRuns<NotEqualOperator<T>, T>(a, values, y); break;
            case CompareOp.Less: BinaryDriver.ApplyRuns<LessOperator<T>, T>(a, values, y); break;
            case CompareOp.LessEqual: BinaryDriver.ApplyRuns<LessEqualOperator<T>, T>(a, values, y); break;
            case CompareOp.Greater: BinaryDriver.ApplyRuns<GreaterOperator<T>, T>(a, values, y); break;
            case CompareOp.GreaterEqual: BinaryDriver.ApplyRuns<GreaterEqualOperator<T>, T>(a, values, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "unknown comparison");
        }
    }

    /// <summary>The comparison with its operands exchanged: a ∘ b = b ∘′ a (also for NaN, which compares false both ways).</summary>
    public static CompareOp Mirror(CompareOp op) => op switch
    {
        CompareOp.Less => CompareOp.Greater,
        CompareOp.LessEqual => CompareOp.GreaterEqual,
        CompareOp.Greater => CompareOp.Less,
        CompareOp.GreaterEqual => CompareOp.LessEqual,
        _ => op,
    };

    /// <summary>a ∘ b for one pair.</summary>
    public static T Scalar<T>(BinaryOp op, T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Sub => a - b,
        BinaryOp.Mul => a * b,
        BinaryOp.Div => a / b,
        BinaryOp.Max => T.Max(a, b),
        BinaryOp.Min => T.Min(a, b),
        BinaryOp.Pow => T.Pow(a, b),
        BinaryOp.ReluBackward => b > T.Zero ? a : T.Zero,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown binary op"),
    };

    /// <summary>a ∘ b as a boolean, for any numeric type.</summary>
    public static bool Compare<T>(CompareOp op, T a, T b) where T : unmanaged, INumber<T> => op switch
    {
        CompareOp.Equal => a == b,
        CompareOp.NotEqual => a != b,
        CompareOp.Less => a < b,
        CompareOp.LessEqual => a <= b,
        CompareOp.Greater => a > b,
        CompareOp.GreaterEqual => a >= b,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown comparison"),
    };
}
