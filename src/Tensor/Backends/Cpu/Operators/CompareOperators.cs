using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu.Operators;

// The comparisons of CompareOp as operators whose result is 1 or 0 in the operands' type: each vector compare gives
// an all-ones or all-zeros lane, and its AND with a lane of 1 is 1 or 0, bit for bit the scalar form's. A NaN
// compares false everywhere except in "not equal", in every width. The scalar form converts the comparison's 0 or 1
// instead of branching on it: a branch per element mispredicts on data such as "is this the row's maximum".

/// <summary>1 where a == b, else 0.</summary>
internal readonly struct EqualOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => CompareResult.FromBool<T>(a == b);

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => Vector256.Equals(a, b) & Vector256<T>.One;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => Vector512.Equals(a, b) & Vector512<T>.One;
}

/// <summary>1 where a != b (NaN included), else 0.</summary>
internal readonly struct NotEqualOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => CompareResult.FromBool<T>(a != b);

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => ~Vector256.Equals(a, b) & Vector256<T>.One;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => ~Vector512.Equals(a, b) & Vector512<T>.One;
}

/// <summary>1 where a &lt; b, else 0.</summary>
internal readonly struct LessOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => CompareResult.FromBool<T>(a < b);

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => Vector256.LessThan(a, b) & Vector256<T>.One;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => Vector512.LessThan(a, b) & Vector512<T>.One;
}

/// <summary>1 where a ≤ b, else 0.</summary>
internal readonly struct LessEqualOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => CompareResult.FromBool<T>(a <= b);

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => Vector256.LessThanOrEqual(a, b) & Vector256<T>.One;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => Vector512.LessThanOrEqual(a, b) & Vector512<T>.One;
}

/// <summary>1 where a &gt; b, else 0.</summary>
internal readonly struct GreaterOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => CompareResult.FromBool<T>(a > b);

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThan(a, b) & Vector256<T>.One;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThan(a, b) & Vector512<T>.One;
}

/// <summary>1 where a ≥ b, else 0.</summary>
internal readonly struct GreaterEqualOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T a, T b) => CompareResult.FromBool<T>(a >= b);

    public static Vector256<T> Invoke(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThanOrEqual(a, b) & Vector256<T>.One;

    public static Vector512<T> Invoke(Vector512<T> a, Vector512<T> b) => Vector512.GreaterThanOrEqual(a, b) & Vector512<T>.One;
}

/// <summary>The scalar forms' shared step.</summary>
internal static class CompareResult
{
    /// <summary>1 for true, 0 for false, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromBool<T>(bool value) where T : INumber<T> => T.CreateTruncating(Unsafe.BitCast<bool, byte>(value));
}
