using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scratch.Backends.Cpu.Operators;

namespace Scratch.Backends.Cpu;

/// <summary>Contiguous unary kernels: TensorPrimitives where it has the function, our operator structs otherwise.</summary>
internal static class UnaryKernels
{
    public static void Apply<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Negate(x, y); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, y); break;
            case UnaryOp.Sign: UnaryDriver.Apply<SignOperator<T>, T>(x, y); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(x, y); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, y); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, y); break;
            case UnaryOp.Square: TensorPrimitives.Multiply(x, x, y); break;
            case UnaryOp.Reciprocal: TensorPrimitives.Reciprocal(x, y); break;
            case UnaryOp.Sin: TensorPrimitives.Sin(x, y); break;
            case UnaryOp.Cos: TensorPrimitives.Cos(x, y); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(x, y); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(x, y); break;
            case UnaryOp.Relu: UnaryDriver.Apply<ReluOperator<T>, T>(x, y); break;
            case UnaryOp.Step: UnaryDriver.Apply<StepOperator<T>, T>(x, y); break;
            case UnaryOp.Softplus: Softplus(x, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "unknown unary op");
        }
    }

    /// <summary>
    /// y = min(max(x, min), max) in one pass, with TensorPrimitives.Max and Min's semantics (NaN stays NaN,
    /// −0 &lt; +0); x and y may be the same span.
    /// </summary>
    public static void Clamp<T>(ReadOnlySpan<T> x, T min, T max, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = (nuint)x.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            Vector512<T> lo = Vector512.Create(min), hi = Vector512.Create(max);
            for (; i + (nuint)Vector512<T>.Count <= n; i += (nuint)Vector512<T>.Count)
            {
                Vector512.Min(Vector512.Max(Vector512.LoadUnsafe(ref xr, i), lo), hi).StoreUnsafe(ref yr, i);
            }
        }
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            Vector256<T> lo = Vector256.Create(min), hi = Vector256.Create(max);
            for (; i + (nuint)Vector256<T>.Count <= n; i += (nuint)Vector256<T>.Count)
            {
                Vector256.Min(Vector256.Max(Vector256.LoadUnsafe(ref xr, i), lo), hi).StoreUnsafe(ref yr, i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) = T.Min(T.Max(Unsafe.Add(ref xr, i), min), max);
        }
    }

    // softplus(x) = max(x, 0) + ln(1 + e^(−|x|)): never overflows, exact to rounding for large |x|.
    private static void Softplus<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rented = x.Length <= 1024 ? null : ArrayPool<T>.Shared.Rent(x.Length);
        Span<T> tail = rented is null ? stackalloc T[x.Length] : rented.AsSpan(0, x.Length);
        TensorPrimitives.Abs(x, tail);
        TensorPrimitives.Negate(tail, tail);
        TensorPrimitives.Exp(tail, tail);
        TensorPrimitives.Add(tail, T.One, tail);
        TensorPrimitives.Log(tail, tail);
        UnaryDriver.Apply<ReluOperator<T>, T>(x, y);
        TensorPrimitives.Add(y, tail, y);
        if (rented is not null)
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
