namespace Scratch.Backends.Gpu.Kernels;

/// <summary>
/// The arithmetic half of a kernel, in the pattern of the CPU operator structs: one readonly struct
/// per function, plugged into a generic kernel (map, zip, compare) as a type argument. Each mirrors
/// the CPU backend's semantics (NaN handling included) and is generic over the element type through
/// <see cref="INumeric{T}"/>.
/// </summary>
internal interface IUnaryOp
{
    static abstract T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T>;
}

/// <summary>A function of two elements.</summary>
internal interface IBinaryOp
{
    static abstract T Apply<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T>;
}

/// <summary>A comparison of two elements (any element type, int32 included).</summary>
internal interface ICompareOp
{
    static abstract bool Test<T, TS>(T a, T b) where T : unmanaged where TS : struct, IScalar<T>;
}

internal readonly struct NegOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Neg(x); }
internal readonly struct AbsOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Abs(x); }
internal readonly struct ExpOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Exp(x); }
internal readonly struct LogOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Log(x); }
internal readonly struct SqrtOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Sqrt(x); }
internal readonly struct SquareOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Mul(x, x); }
internal readonly struct ReciprocalOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Div(TN.One, x); }
internal readonly struct SinOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Sin(x); }
internal readonly struct CosOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Cos(x); }
internal readonly struct TanhOp : IUnaryOp { public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Tanh(x); }

/// <summary>sign(x) ∈ {−1, 0, 1} with NaN ↦ 0 (both comparisons are false), as on the CPU.</summary>
internal readonly struct SignOp : IUnaryOp
{
    public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> =>
        TN.Less(TN.Zero, x) ? TN.One : TN.Less(x, TN.Zero) ? TN.Neg(TN.One) : TN.Zero;
}

/// <summary>1/(1+e⁻ˣ).</summary>
internal readonly struct SigmoidOp : IUnaryOp
{
    public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> =>
        TN.Div(TN.One, TN.Add(TN.One, TN.Exp(TN.Neg(x))));
}

/// <summary>max(x, 0); NaN stays NaN (x &lt; 0 is false for NaN).</summary>
internal readonly struct ReluOp : IUnaryOp
{
    public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Less(x, TN.Zero) ? TN.Zero : x;
}

/// <summary>ReLU′: 1 where x &gt; 0, else 0, with the sub-gradient ReLU′(0) = 0 as on the CPU.</summary>
internal readonly struct StepOp : IUnaryOp
{
    public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> => TN.Less(TN.Zero, x) ? TN.One : TN.Zero;
}

/// <summary>softplus(x) = max(x, 0) + ln(1 + e^(−|x|)): never overflows (the CPU formula).</summary>
internal readonly struct SoftplusOp : IUnaryOp
{
    public static T Apply<T, TN>(T x) where T : unmanaged where TN : struct, INumeric<T> =>
        TN.Add(ReluOp.Apply<T, TN>(x), TN.Log(TN.Add(TN.One, TN.Exp(TN.Neg(TN.Abs(x))))));
}

internal readonly struct AddOp : IBinaryOp { public static T Apply<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => TN.Add(a, b); }
internal readonly struct SubOp : IBinaryOp { public static T Apply<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => TN.Sub(a, b); }
internal readonly struct MulOp : IBinaryOp { public static T Apply<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => TN.Mul(a, b); }
internal readonly struct DivOp : IBinaryOp { public static T Apply<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => TN.Div(a, b); }
internal readonly struct PowOp : IBinaryOp { public static T Apply<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => TN.Pow(a, b); }

/// <summary>max(a, b), NaN-propagating like TensorPrimitives.Max.</summary>
internal readonly struct MaxOp : IBinaryOp
{
    public static T Apply<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> =>
        TN.IsNaN(a) ? a : TN.IsNaN(b) ? b : TN.Less(a, b) ? b : a;
}

/// <summary>a where b &gt; 0, else 0: the backward of ReLU (a NaN or ∞ gradient at an inactive unit becomes 0, as on the CPU).</summary>
internal readonly struct ReluBackwardOp : IBinaryOp
{
    public static T Apply<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => TN.Less(TN.Zero, b) ? a : TN.Zero;
}

/// <summary>min(a, b), NaN-propagating like TensorPrimitives.Min.</summary>
internal readonly struct MinOp : IBinaryOp
{
    public static T Apply<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> =>
        TN.IsNaN(a) ? a : TN.IsNaN(b) ? b : TN.Less(b, a) ? b : a;
}

internal readonly struct EqualOp : ICompareOp { public static bool Test<T, TS>(T a, T b) where T : unmanaged where TS : struct, IScalar<T> => TS.Equal(a, b); }
internal readonly struct NotEqualOp : ICompareOp { public static bool Test<T, TS>(T a, T b) where T : unmanaged where TS : struct, IScalar<T> => !TS.Equal(a, b); }
internal readonly struct LessOp : ICompareOp { public static bool Test<T, TS>(T a, T b) where T : unmanaged where TS : struct, IScalar<T> => TS.Less(a, b); }
internal readonly struct GreaterOp : ICompareOp { public static bool Test<T, TS>(T a, T b) where T : unmanaged where TS : struct, IScalar<T> => TS.Less(b, a); }

/// <summary>a ≤ b, false when either is NaN (as IEEE comparison, not !(a &gt; b)).</summary>
internal readonly struct LessEqualOp : ICompareOp { public static bool Test<T, TS>(T a, T b) where T : unmanaged where TS : struct, IScalar<T> => TS.Less(a, b) || TS.Equal(a, b); }

/// <summary>a ≥ b, false when either is NaN.</summary>
internal readonly struct GreaterEqualOp : ICompareOp { public static bool Test<T, TS>(T a, T b) where T : unmanaged where TS : struct, IScalar<T> => TS.Less(b, a) || TS.Equal(a, b); }
