using ILGPU;
using ILGPU.Algorithms;

namespace Scratch.Backends.Gpu.Kernels;

/// <summary>
/// The element-type half of a kernel: what a generic kernel needs to know about its element type
/// (constants, comparisons, conversions). ILGPU compiles the static abstract calls to direct calls,
/// so a kernel generic over <c>TN</c> costs nothing at run time. Implemented by <see cref="F32"/>,
/// <see cref="F64"/> and <see cref="I32"/>.
/// </summary>
internal interface IScalar<T> where T : unmanaged
{
    static abstract T Zero { get; }

    static abstract T One { get; }

    static abstract bool IsNonZero(T x);

    static abstract bool Less(T a, T b);

    static abstract bool Equal(T a, T b);

    static abstract double ToDouble(T x);

    /// <summary>Converts like <c>CreateSaturating</c>: NaN → 0 and out-of-range → the nearest bound for integers.</summary>
    static abstract T FromDouble(double x);
}

/// <summary>The floating-point element types: arithmetic and the transcendental functions of <see cref="XMath"/>.</summary>
internal interface INumeric<T> : IScalar<T> where T : unmanaged
{
    static abstract T NaN { get; }

    static abstract T NegativeInfinity { get; }

    static abstract bool IsNaN(T x);

    static abstract bool IsFinite(T x);

    static abstract T Add(T a, T b);

    static abstract T Sub(T a, T b);

    static abstract T Mul(T a, T b);

    static abstract T Div(T a, T b);

    static abstract T Neg(T x);

    static abstract T Abs(T x);

    static abstract T Exp(T x);

    static abstract T Log(T x);

    static abstract T Sqrt(T x);

    static abstract T Sin(T x);

    static abstract T Cos(T x);

    static abstract T Tanh(T x);

    static abstract T Pow(T a, T b);

    static abstract T FromInt(int x);
}

/// <summary>float32.</summary>
internal readonly struct F32 : INumeric<float>
{
    public static float Zero => 0f;
    public static float One => 1f;
    public static float NaN => float.NaN;
    public static float NegativeInfinity => float.NegativeInfinity;
    public static bool IsNonZero(float x) => x != 0f;
    public static bool Less(float a, float b) => a < b;
    public static bool Equal(float a, float b) => a == b;
    public static double ToDouble(float x) => x;
    public static float FromDouble(double x) => (float)x;
    public static bool IsNaN(float x) => float.IsNaN(x);
    public static bool IsFinite(float x) => x - x == 0f;
    public static float Add(float a, float b) => a + b;
    public static float Sub(float a, float b) => a - b;
    public static float Mul(float a, float b) => a * b;
    public static float Div(float a, float b) => a / b;
    public static float Neg(float x) => -x;
    public static float Abs(float x) => XMath.Abs(x);
    public static float Exp(float x) => XMath.Exp(x);
    public static float Log(float x) => XMath.Log(x);
    public static float Sqrt(float x) => XMath.Sqrt(x);
    public static float Sin(float x) => XMath.Sin(x);
    public static float Cos(float x) => XMath.Cos(x);
    public static float Tanh(float x) => XMath.Tanh(x);
    public static float Pow(float a, float b) => XMath.Pow(a, b);
    public static float FromInt(int x) => x;
}

/// <summary>float64.</summary>
internal readonly struct F64 : INumeric<double>
{
    public static double Zero => 0.0;
    public static double One => 1.0;
    public static double NaN => double.NaN;
    public static double NegativeInfinity => double.NegativeInfinity;
    public static bool IsNonZero(double x) => x != 0.0;
    public static bool Less(double a, double b) => a < b;
    public static bool Equal(double a, double b) => a == b;
    public static double ToDouble(double x) => x;
    public static double FromDouble(double x) => x;
    public static bool IsNaN(double x) => double.IsNaN(x);
    public static bool IsFinite(double x) => x - x == 0.0;
    public static double Add(double a, double b) => a + b;
    public static double Sub(double a, double b) => a - b;
    public static double Mul(double a, double b) => a * b;
    public static double Div(double a, double b) => a / b;
    public static double Neg(double x) => -x;
    public static double Abs(double x) => XMath.Abs(x);
    public static double Exp(double x) => XMath.Exp(x);
    public static double Log(double x) => XMath.Log(x);
    public static double Sqrt(double x) => XMath.Sqrt(x);
    public static double Sin(double x) => XMath.Sin(x);
    public static double Cos(double x) => XMath.Cos(x);
    public static double Tanh(double x) => XMath.Tanh(x);
    public static double Pow(double a, double b) => XMath.Pow(a, b);
    public static double FromInt(int x) => x;
}

/// <summary>int32: copies, comparisons, casts and indices only.</summary>
internal readonly struct I32 : IScalar<int>
{
    public static int Zero => 0;
    public static int One => 1;
    public static bool IsNonZero(int x) => x != 0;
    public static bool Less(int a, int b) => a < b;
    public static bool Equal(int a, int b) => a == b;
    public static double ToDouble(int x) => x;

    // Saturating, as int.CreateSaturating on the CPU: NaN → 0, beyond the range → the bound, else toward zero.
    public static int FromDouble(double x) =>
        double.IsNaN(x) ? 0 : x >= 2147483647.0 ? int.MaxValue : x <= -2147483648.0 ? int.MinValue : (int)x;
}
