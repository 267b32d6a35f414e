using Scratch.Backends;

namespace Scratch;

public sealed partial class Tensor
{
    internal Tensor Unary(UnaryOp op)
    {
        RequireFloat(OpNames.Of(op));
        return WithStorage(Backend.Unary(op, Storage, Layout), Shape);
    }

    /// <summary>−x</summary>
    public Tensor Neg() => Unary(UnaryOp.Neg);
    /// <summary>|x|</summary>
    public Tensor Abs() => Unary(UnaryOp.Abs);
    /// <summary>sign(x) ∈ {−1, 0, 1}; NaN ↦ 0.</summary>
    public Tensor Sign() => Unary(UnaryOp.Sign);
    /// <summary>eˣ</summary>
    public Tensor Exp() => Unary(UnaryOp.Exp);
    /// <summary>ln x</summary>
    public Tensor Log() => Unary(UnaryOp.Log);
    /// <summary>√x</summary>
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt);
    /// <summary>x²</summary>
    public Tensor Square() => Unary(UnaryOp.Square);
    /// <summary>1/x</summary>
    public Tensor Reciprocal() => Unary(UnaryOp.Reciprocal);
    /// <summary>sin x</summary>
    public Tensor Sin() => Unary(UnaryOp.Sin);
    /// <summary>cos x</summary>
    public Tensor Cos() => Unary(UnaryOp.Cos);
    /// <summary>tanh x</summary>
    public Tensor Tanh() => Unary(UnaryOp.Tanh);
    /// <summary>1/(1+e⁻ˣ)</summary>
    public Tensor Sigmoid() => Unary(UnaryOp.Sigmoid);
    /// <summary>max(x, 0)</summary>
    public Tensor Relu() => Unary(UnaryOp.Relu);
    /// <summary>ln(1+eˣ), computed without overflow.</summary>
    public Tensor Softplus() => Unary(UnaryOp.Softplus);
    /// <summary>1 where x &gt; 0, else 0.</summary>
    public Tensor Step() => Unary(UnaryOp.Step);

    /// <summary>min(max(x, min), max).</summary>
    public Tensor Clamp(double min, double max)
    {
        RequireFloat("clamp");
        if (!(min <= max))
        {
            throw new ArgumentException($"clamp: min {min} is greater than max {max}", nameof(min));
        }
        return WithStorage(Backend.Clamp(Storage, Layout, min, max), Shape);
    }

    /// <summary>
    /// x + step·sign(direction) in one pass, sign(0) = sign(NaN) = 0: the step of the fast gradient sign method
    /// (Goodfellow et al. 2015, eq. 6) and of its iterated forms, with no tensor made for the sign or the scaled sign.
    /// The same values as <c>x + direction.Sign() * step</c>, bit for bit.
    /// </summary>
    /// <param name="direction">The gradient whose sign gives the direction, of this tensor's shape, dtype and device.</param>
    /// <param name="step">The step, finite; negative steps against the sign.</param>
    /// <exception cref="ArgumentException">The direction's shape, dtype or device differs, or the step is not finite.</exception>
    public Tensor AddSignStep(Tensor direction, double step) => SignStep(direction, step, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>
    /// min(max(x + step·sign(direction), min), max) in one pass: the sign step of <see cref="AddSignStep(Tensor, double)"/>
    /// kept inside a box (an attack's x′ clipped to the image range) with no tensor made for the unclipped step.
    /// The same values as <c>x.AddSignStep(direction, step).Clamp(min, max)</c>, bit for bit.
    /// </summary>
    /// <param name="direction">The gradient whose sign gives the direction, of this tensor's shape, dtype and device.</param>
    /// <param name="step">The step, finite; negative steps against the sign.</param>
    /// <param name="min">The lower bound (−∞ for none).</param>
    /// <param name="max">The upper bound (+∞ for none), at least <paramref name="min"/>.</param>
    /// <exception cref="ArgumentException">The direction's shape, dtype or device differs, the step is not finite, or min &gt; max (or either is NaN).</exception>
    public Tensor AddSignStep(Tensor direction, double step, double min, double max)
    {
        if (!(min <= max))
        {
            throw new ArgumentException($"add_sign_step: min {min} is greater than max {max}; expected min ≤ max, neither NaN", nameof(min));
        }
        return SignStep(direction, step, min, max);
    }

    private Tensor SignStep(Tensor direction, double step, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(direction);
        const string name = "add_sign_step";
        RequireFloat(name);
        RequireSameDevice(name, this, direction);
        RequireSameDType(name, this, direction);
        if (direction.Shape != Shape)
        {
            throw new ArgumentException($"{name}: direction has shape {direction.Shape}; expected this tensor's shape {Shape}", nameof(direction));
        }
        if (!double.IsFinite(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"{name}: step = {step}; expected a finite number");
        }
        return WithStorage(Backend.SignStep(Storage, Layout, direction.Storage, direction.Layout, step, min, max), Shape);
    }

    internal static Tensor Binary(BinaryOp op, Tensor a, Tensor b)
    {
        var name = OpNames.Of(op);
        RequireSameDevice(name, a, b);
        RequireSameDType(name, a, b);
        a.RequireFloat(name);
        var shape = Shape.Broadcast(a.Shape, b.Shape, name);
        var storage = a.Backend.Binary(op, a.Storage, a.Layout.BroadcastTo(shape, name), b.Storage, b.Layout.BroadcastTo(shape, name));
        return a.WithStorage(storage, shape);
    }

    private Tensor ScalarLike(double value) => Full(Shape.Scalar, value, DType, Device);

    /// <summary>a + b with broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Binary(BinaryOp.Add, a, b);
    /// <summary>a − b with broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b) => Binary(BinaryOp.Sub, a, b);
    /// <summary>a · b with broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b) => Binary(BinaryOp.Mul, a, b);
    /// <summary>a / b with broadcasting.</summary>
    public static Tensor Div(Tensor a, Tensor b) => Binary(BinaryOp.Div, a, b);
    /// <summary>max(a, b) elementwise with broadcasting.</summary>
    public static Tensor Maximum(Tensor a, Tensor b) => Binary(BinaryOp.Max, a, b);
    /// <summary>min(a, b) elementwise with broadcasting.</summary>
    public static Tensor Minimum(Tensor a, Tensor b) => Binary(BinaryOp.Min, a, b);
    /// <summary>aᵇ elementwise with broadcasting.</summary>
    public static Tensor Pow(Tensor a, Tensor b) => Binary(BinaryOp.Pow, a, b);
    /// <summary>
    /// The backward of ReLU in one pass: <paramref name="gradient"/> where <paramref name="input"/> &gt; 0, else 0
    /// (ReLU′(0) = 0); broadcasts like the other binary ops.
    /// </summary>
    public static Tensor ReluBackward(Tensor gradient, Tensor input) => Binary(BinaryOp.ReluBackward, gradient, input);
    /// <summary>xᵖ</summary>
    public Tensor Pow(double p) => Binary(BinaryOp.Pow, this, ScalarLike(p));

    /// <summary>a + b</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);
    /// <summary>a − b</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Sub(a, b);
    /// <summary>a · b (elementwise)</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Mul(a, b);
    /// <summary>a / b</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Div(a, b);
    /// <summary>−a</summary>
    public static Tensor operator -(Tensor a) => a.Neg();
    /// <summary>a + s</summary>
    public static Tensor operator +(Tensor a, double s) => Add(a, a.ScalarLike(s));
    /// <summary>s + a</summary>
    public static Tensor operator +(double s, Tensor a) => Add(a.ScalarLike(s), a);
    /// <summary>a − s</summary>
    public static Tensor operator -(Tensor a, double s) => Sub(a, a.ScalarLike(s));
    /// <summary>s − a</summary>
    public static Tensor operator -(double s, Tensor a) => Sub(a.ScalarLike(s), a);
    /// <summary>a · s</summary>
    public static Tensor operator *(Tensor a, double s) => Mul(a, a.ScalarLike(s));
    /// <summary>s · a</summary>
    public static Tensor operator *(double s, Tensor a) => Mul(a.ScalarLike(s), a);
    /// <summary>a / s</summary>
    public static Tensor operator /(Tensor a, double s) => Div(a, a.ScalarLike(s));
    /// <summary>s / a</summary>
    public static Tensor operator /(double s, Tensor a) => Div(a.ScalarLike(s), a);

    internal static Tensor Compare(CompareOp op, Tensor a, Tensor b)
    {
        var name = OpNames.Of(op);
        RequireSameDevice(name, a, b);
        RequireSameDType(name, a, b);
        var shape = Shape.Broadcast(a.Shape, b.Shape, name);
        var storage = a.Backend.Compare(op, a.Storage, a.Layout.BroadcastTo(shape, name), b.Storage, b.Layout.BroadcastTo(shape, name));
        return a.WithStorage(storage, shape);
    }

    /// <summary>1 where a == b, else 0, in the inputs' dtype.</summary>
    public static Tensor Equal(Tensor a, Tensor b) => Compare(CompareOp.Equal, a, b);
    /// <summary>1 where a ≠ b, else 0.</summary>
    public static Tensor NotEqual(Tensor a, Tensor b) => Compare(CompareOp.NotEqual, a, b);
    /// <summary>1 where a &lt; b, else 0.</summary>
    public static Tensor Less(Tensor a, Tensor b) => Compare(CompareOp.Less, a, b);
    /// <summary>1 where a ≤ b, else 0.</summary>
    public static Tensor LessEqual(Tensor a, Tensor b) => Compare(CompareOp.LessEqual, a, b);
    /// <summary>1 where a &gt; b, else 0.</summary>
    public static Tensor Greater(Tensor a, Tensor b) => Compare(CompareOp.Greater, a, b);
    /// <summary>1 where a ≥ b, else 0.</summary>
    public static Tensor GreaterEqual(Tensor a, Tensor b) => Compare(CompareOp.GreaterEqual, a, b);

    /// <summary>cond ≠ 0 ? a : b elementwise, broadcasting all three.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        RequireSameDevice("where", condition, a);
        RequireSameDevice("where", a, b);
        RequireSameDType("where", a, b);
        var shape = Shape.Broadcast(Shape.Broadcast(condition.Shape, a.Shape, "where"), b.Shape, "where");
        var storage = a.Backend.Where(
            condition.Storage, condition.Layout.BroadcastTo(shape, "where"),
            a.Storage, a.Layout.BroadcastTo(shape, "where"),
            b.Storage, b.Layout.BroadcastTo(shape, "where"));
        return a.WithStorage(storage, shape);
    }
}
