using System.Globalization;

namespace Scratch.Autograd;

public sealed partial class Variable
{
    /// <summary>Records y = f(x); backward(g, x, y) gives ∂L/∂x from g = ∂L/∂y.</summary>
    private Variable Unary(string op, Func<Tensor, Tensor> forward, Func<Tensor, Tensor, Tensor, Tensor> backward)
    {
        var x = Data;
        var y = forward(x);
        return Record(op, y, [this], [g => backward(g, x, y)]);
    }

    /// <summary>Records y = f(a, b) with broadcasting; each backward returns a gradient in y's shape (un-broadcast centrally).</summary>
    private static Variable Binary(string op, Variable a, Variable b, Func<Tensor, Tensor, Tensor> forward,
        Func<Tensor, Tensor, Tensor, Tensor, Tensor> backwardA, Func<Tensor, Tensor, Tensor, Tensor, Tensor> backwardB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Tensor ta = a.Data, tb = b.Data, y = forward(ta, tb);
        return Record(op, y, [a, b], [g => backwardA(g, ta, tb, y), g => backwardB(g, ta, tb, y)]);
    }

    // d/dx (−x) = −1
    /// <summary>−x</summary>
    public Variable Neg() => Unary("neg", x => x.Neg(), (g, x, y) => -g);

    // d/dx |x| = sign(x); at the kink x = 0 we take the sub-gradient 0 (as PyTorch does).
    /// <summary>|x|</summary>
    public Variable Abs() => Unary("abs", x => x.Abs(), (g, x, y) => g * x.Sign());

    // d/dx sign(x) = 0 wherever it exists; at x = 0 (a jump) we also use 0.
    /// <summary>sign(x) ∈ {−1, 0, 1}; its gradient is zero.</summary>
    public Variable Sign() => Unary("sign", x => x.Sign(), (g, x, y) => Tensor.ZerosLike(g));

    // d/dx eˣ = eˣ
    /// <summary>eˣ</summary>
    public Variable Exp() => Unary("exp", x => x.Exp(), (g, x, y) => g * y);

    // d/dx ln x = 1/x
    /// <summary>ln x</summary>
    public Variable Log() => Unary("log", x => x.Log(), (g, x, y) => g / x);

    // d/dx √x = 1/(2√x)
    /// <summary>√x</summary>
    public Variable Sqrt() => Unary("sqrt", x => x.Sqrt(), (g, x, y) => g / (y * 2.0));

    // d/dx x² = 2x
    /// <summary>x²</summary>
    public Variable Square() => Unary("square", x => x.Square(), (g, x, y) => g * x * 2.0);

    // d/dx (1/x) = −1/x² = −y²
    /// <summary>1/x</summary>
    public Variable Reciprocal() => Unary("reciprocal", x => x.Reciprocal(), (g, x, y) => -(g * y.Square()));

    // d/dx sin x = cos x
    /// <summary>sin x</summary>
    public Variable Sin() => Unary("sin", x => x.Sin(), (g, x, y) => g * x.Cos());

    // d/dx cos x = −sin x
    /// <summary>cos x</summary>
    public Variable Cos() => Unary("cos", x => x.Cos(), (g, x, y) => -(g * x.Sin()));

    // d/dx tanh(x) = 1 − tanh²(x)
    /// <summary>tanh x</summary>
    public Variable Tanh() => Unary("tanh", x => x.Tanh(), (g, x, y) => g * (1.0 - y.Square()));

    // d/dx σ(x) = σ(x)(1 − σ(x))
    /// <summary>σ(x) = 1/(1+e⁻ˣ)</summary>
    public Variable Sigmoid() => Unary("sigmoid", x => x.Sigmoid(), (g, x, y) => g * y * (1.0 - y));

    // d/dx max(x, 0) = 1 for x > 0, else 0; at the kink we take ReLU′(0) = 0, as PyTorch does. The product
    // g·ReLU′(x) is one fused pass (Tensor.ReluBackward), which also keeps a NaN gradient of an inactive unit at 0.
    /// <summary>max(x, 0)</summary>
    public Variable Relu() => Unary("relu", x => x.Relu(), (g, x, y) => Tensor.ReluBackward(g, x));

    // d/dx ln(1 + eˣ) = σ(x)
    /// <summary>ln(1 + eˣ)</summary>
    public Variable Softplus() => Unary("softplus", x => x.Softplus(), (g, x, y) => g * x.Sigmoid());

    // d/dx xᵖ = p·xᵖ⁻¹
    /// <summary>xᵖ for a constant exponent.</summary>
    public Variable Pow(double p) =>
        Unary($"pow[{p.ToString(CultureInfo.InvariantCulture)}]", x => x.Pow(p), (g, x, y) => g * x.Pow(p - 1) * p);

    // d/dx clamp(x, lo, hi) = 1 for lo ≤ x ≤ hi, else 0; at the bounds the gradient passes (as PyTorch does).
    /// <summary>min(max(x, min), max)</summary>
    public Variable Clamp(double min, double max) =>
        Unary($"clamp[{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]",
            x => x.Clamp(min, max),
            (g, x, y) => g * Tensor.Equal(x, y));

    // ∂(a+b)/∂a = 1, ∂(a+b)/∂b = 1
    /// <summary>a + b with broadcasting.</summary>
    public static Variable Add(Variable a, Variable b) => Binary("add", a, b, Tensor.Add, (g, _, _, _) => g, (g, _, _, _) => g);

    // ∂(a−b)/∂a = 1, ∂(a−b)/∂b = −1
    /// <summary>a − b with broadcasting.</summary>
    public static Variable Sub(Variable a, Variable b) => Binary("sub", a, b, Tensor.Sub, (g, _, _, _) => g, (g, _, _, _) => -g);

    // ∂(ab)/∂a = b, ∂(ab)/∂b = a
    /// <summary>a · b elementwise with broadcasting.</summary>
    public static Variable Mul(Variable a, Variable b) => Binary("mul", a, b, Tensor.Mul, (g, _, tb, _) => g * tb, (g, ta, _, _) => g * ta);

    // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b² = −y/b
    /// <summary>a / b elementwise with broadcasting.</summary>
    public static Variable Div(Variable a, Variable b) => Binary("div", a, b, Tensor.Div, (g, _, tb, _) => g / tb, (g, _, tb, y) => -(g * y / tb));

    // ∂max(a,b)/∂a = [a > b], ∂max(a,b)/∂b = [b > a]; at a tie each side gets half (the mean of the one-sided derivatives).
    /// <summary>max(a, b) elementwise with broadcasting.</summary>
    public static Variable Maximum(Variable a, Variable b) => Binary("maximum", a, b, Tensor.Maximum,
        (g, ta, tb, _) => g * (Tensor.Greater(ta, tb) + Tensor.Equal(ta, tb) * 0.5),
        (g, ta, tb, _) => g * (Tensor.Less(ta, tb) + Tensor.Equal(ta, tb) * 0.5));

    // ∂min(a,b)/∂a = [a < b], ∂min(a,b)/∂b = [b < a]; at a tie each side gets half.
    /// <summary>min(a, b) elementwise with broadcasting.</summary>
    public static Variable Minimum(Variable a, Variable b) => Binary("minimum", a, b, Tensor.Minimum,
        (g, ta, tb, _) => g * (Tensor.Less(ta, tb) + Tensor.Equal(ta, tb) * 0.5),
        (g, ta, tb, _) => g * (Tensor.Greater(ta, tb) + Tensor.Equal(ta, tb) * 0.5));

    // ∂aᵇ/∂a = b·aᵇ⁻¹, ∂aᵇ/∂b = aᵇ·ln a; for a ≤ 0 the power is not differentiable in b and we use 0 there.
    /// <summary>aᵇ elementwise with broadcasting.</summary>
    public static Variable Pow(Variable a, Variable b) => Binary("pow", a, b, Tensor.Pow,
        (g, ta, tb, _) => g * tb * Tensor.Pow(ta, tb - 1.0),
        (g, ta, _, y) => Tensor.Where(Tensor.Greater(ta, Tensor.ZerosLike(ta)), g * y * ta.Log(), Tensor.ZerosLike(g)));

    // ∂/∂a where(c, a, b) = [c], ∂/∂b = [¬c]; the condition is not differentiable.
    /// <summary>condition ≠ 0 ? a : b elementwise, broadcasting all three; <paramref name="condition"/> is a plain tensor.</summary>
    public static Variable Where(Tensor condition, Variable a, Variable b)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        var zero = Tensor.Scalar(0, a.DType, a.Device);
        return Binary("where", a, b, (ta, tb) => Tensor.Where(condition, ta, tb),
            (g, _, _, _) => Tensor.Where(condition, g, zero),
            (g, _, _, _) => Tensor.Where(condition, zero, g));
    }

    /// <summary>a + b</summary>
    public static Variable operator +(Variable a, Variable b) => Add(a, b);
    /// <summary>a − b</summary>
    public static Variable operator -(Variable a, Variable b) => Sub(a, b);
    /// <summary>a · b (elementwise)</summary>
    public static Variable operator *(Variable a, Variable b) => Mul(a, b);
    /// <summary>a / b</summary>
    public static Variable operator /(Variable a, Variable b) => Div(a, b);
    /// <summary>−a</summary>
    public static Variable operator -(Variable a) => a.Neg();
    /// <summary>a + s</summary>
    public static Variable operator +(Variable a, double s) => Add(a, a.Constant(s));
    /// <summary>s + a</summary>
    public static Variable operator +(double s, Variable a) => Add(a.Constant(s), a);
    /// <summary>a − s</summary>
    public static Variable operator -(Variable a, double s) => Sub(a, a.Constant(s));
    /// <summary>s − a</summary>
    public static Variable operator -(double s, Variable a) => Sub(a.Constant(s), a);
    /// <summary>a · s</summary>
    public static Variable operator *(Variable a, double s) => Mul(a, a.Constant(s));
    /// <summary>s · a</summary>
    public static Variable operator *(double s, Variable a) => Mul(a.Constant(s), a);
    /// <summary>a / s</summary>
    public static Variable operator /(Variable a, double s) => Div(a, a.Constant(s));
    /// <summary>s / a</summary>
    public static Variable operator /(double s, Variable a) => Div(a.Constant(s), a);
}
