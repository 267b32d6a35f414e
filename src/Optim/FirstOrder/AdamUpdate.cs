using System.Numerics;

namespace Scratch.Optim;

// Problem: one Adam step for one parameter (the formulas are in Adam.cs), fast on the CPU and readable everywhere.
// Approach: as SgdUpdate, two forms that give the same bits: Expression, the formulas as tensor ops on any
// device, and Fused, used for every CPU parameter: one pass over θ, g, m and v with Vector<T> lanes applying
// the same IEEE operations in the same order (one rounding per op, no fused multiply-add), updating m and v in
// place (the optimizer's own buffers) and allocating only the new θ.

/// <summary>The coefficients of an Adam step: α, β₁, β₂, ε, λ and the parameter's step count t (from 1).</summary>
internal readonly record struct AdamCoefficients(double LearningRate, double Beta1, double Beta2, double Epsilon, double WeightDecay, int Step);

/// <summary>One Adam step for one parameter, as a tensor expression or as a fused CPU kernel.</summary>
internal static class AdamUpdate
{
    /// <summary>The new θ; <paramref name="m"/> and <paramref name="v"/> (null before the first step) hold the moments afterwards.</summary>
    public static Tensor Step(Tensor theta, Tensor gradient, ref Tensor? m, ref Tensor? v, in AdamCoefficients c) =>
        theta.Device != Device.Cpu ? Expression(theta, gradient, ref m, ref v, c)
        : theta.DType == DType.Float32 ? Fused<float>(theta, gradient, ref m, ref v, c)
        : Fused<double>(theta, gradient, ref m, ref v, c);

    /// <summary>The step as tensor ops, on any device.</summary>
    public static Tensor Expression(Tensor theta, Tensor gradient, ref Tensor? m, ref Tensor? v, in AdamCoefficients c)
    {
        var g = gradient;
        // g ← ∇θ + λθ
        if (c.WeightDecay != 0)
        {
            g = g + c.WeightDecay * theta;
        }
        // m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²  (m₀ = v₀ = 0)
        m = m is { } m0 ? c.Beta1 * m0 + (1 - c.Beta1) * g : (1 - c.Beta1) * g;
        v = v is { } v0 ? c.Beta2 * v0 + (1 - c.Beta2) * g.Square() : (1 - c.Beta2) * g.Square();
        // m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ)
        var mHat = m / (1 - Math.Pow(c.Beta1, c.Step));
        var vHat = v / (1 - Math.Pow(c.Beta2, c.Step));
        // θ ← θ − α·m̂ / (√v̂ + ε)
        return theta - c.LearningRate * mHat / (vHat.Sqrt() + c.Epsilon);
    }

    /// <summary>The step in one pass over CPU tensors of element type T (strided views are made contiguous first).</summary>
    public static Tensor Fused<T>(Tensor theta, Tensor gradient, ref Tensor? m, ref Tensor? v, in AdamCoefficients c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> th = theta.Contiguous().HostElements<T>(), grad = gradient.Contiguous().HostElements<T>();
        var first = m is null || v is null;
        if (first)
        {
            // New private buffers for the moments; the first step writes every element.
            m = Tensor.CreateHost<T>(theta.Shape, out _);
            v = Tensor.CreateHost<T>(theta.Shape, out _);
        }
        Span<T> ms = m!.HostElements<T>(), vs = v!.HostElements<T>();
        var result = Tensor.CreateHost<T>(theta.Shape, out var y);
        T alpha = T.CreateChecked(c.LearningRate), lambda = T.CreateChecked(c.WeightDecay), epsilon = T.CreateChecked(c.Epsilon);
        T beta1 = T.CreateChecked(c.Beta1), oneMinusBeta1 = T.CreateChecked(1 - c.Beta1);
        T beta2 = T.CreateChecked(c.Beta2), oneMinusBeta2 = T.CreateChecked(1 - c.Beta2);
        T correction1 = T.CreateChecked(1 - Math.Pow(c.Beta1, c.Step)), correction2 = T.CreateChecked(1 - Math.Pow(c.Beta2, c.Step));
        var decay = c.WeightDecay != 0;
        for (var i = 0; i < th.Length; i += Vector<T>.Count)
        {
            var t = Lanes.Load(th, i);
            var g = Lanes.Load(grad, i);
            if (decay)
            {
                g += t * lambda;
            }
            var mi = first ? g * oneMinusBeta1 : Lanes.Load(ms, i) * beta1 + g * oneMinusBeta1;
            var vi = first ? g * g * oneMinusBeta2 : Lanes.Load(vs, i) * beta2 + g * g * oneMinusBeta2;
            Lanes.Store(mi, ms, i);
            Lanes.Store(vi, vs, i);
            var mHat = mi / new Vector<T>(correction1);
            var vHat = vi / new Vector<T>(correction2);
            Lanes.Store(t - mHat * alpha / (Vector.SquareRoot(vHat) + new Vector<T>(epsilon)), y, i);
        }
        return result;
    }
}
