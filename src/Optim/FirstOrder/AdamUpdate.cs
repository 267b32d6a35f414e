using System.Numerics;
using System.Runtime.InteropServices;

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
        var k = new Coefficients<T>(c, first);
        // Whole vectors straight from memory; the last partial vector through zero-padded copies (as SgdUpdate).
        var whole = th.Length - th.Length % Vector<T>.Count;
        Sweep(th[..whole], grad[..whole], ms[..whole], vs[..whole], y[..whole], k);
        if (whole < th.Length)
        {
            var rest = th.Length - whole;
            Span<T> t = stackalloc T[Vector<T>.Count], g = stackalloc T[Vector<T>.Count], mt = stackalloc T[Vector<T>.Count];
            Span<T> vt = stackalloc T[Vector<T>.Count], yt = stackalloc T[Vector<T>.Count];
            t.Clear();
            g.Clear();
            mt.Clear();
            vt.Clear();
            th[whole..].CopyTo(t);
            grad[whole..].CopyTo(g);
            if (!first)
            {
                ms[whole..].CopyTo(mt);
                vs[whole..].CopyTo(vt);
            }
            Sweep(t, g, mt, vt, yt, k);
            yt[..rest].CopyTo(y[whole..]);
            mt[..rest].CopyTo(ms[whole..]);
            vt[..rest].CopyTo(vs[whole..]);
        }
        return result;
    }

    // The step's constants in the element type.
    private readonly struct Coefficients<T>(in AdamCoefficients c, bool first) where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly T Alpha = T.CreateChecked(c.LearningRate), Lambda = T.CreateChecked(c.WeightDecay), Epsilon = T.CreateChecked(c.Epsilon);
        public readonly T Beta1 = T.CreateChecked(c.Beta1), OneMinusBeta1 = T.CreateChecked(1 - c.Beta1);
        public readonly T Beta2 = T.CreateChecked(c.Beta2), OneMinusBeta2 = T.CreateChecked(1 - c.Beta2);
        public readonly T Correction1 = T.CreateChecked(1 - Math.Pow(c.Beta1, c.Step)), Correction2 = T.CreateChecked(1 - Math.Pow(c.Beta2, c.Step));
        public readonly bool Decay = c.WeightDecay != 0, First = first;
    }

    // The step over spans whose length is a whole number of vectors.
    private static void Sweep<T>(ReadOnlySpan<T> th, ReadOnlySpan<T> grad, Span<T> ms, Span<T> vs, Span<T> y, in Coefficients<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var tr = ref MemoryMarshal.GetReference(th);
        ref var gr = ref MemoryMarshal.GetReference(grad);
        ref var mr = ref MemoryMarshal.GetReference(ms);
        ref var vr = ref MemoryMarshal.GetReference(vs);
        ref var yr = ref MemoryMarshal.GetReference(y);
        T alpha = k.Alpha, lambda = k.Lambda, beta1 = k.Beta1, oneMinusBeta1 = k.OneMinusBeta1, beta2 = k.Beta2, oneMinusBeta2 = k.OneMinusBeta2;
        Vector<T> correction1 = new(k.Correction1), correction2 = new(k.Correction2), epsilon = new(k.Epsilon);
        bool decay = k.Decay, first = k.First;
        for (nuint i = 0; i < (nuint)th.Length; i += (nuint)Vector<T>.Count)
        {
            var t = Vector.LoadUnsafe(ref tr, i);
            var g = Vector.LoadUnsafe(ref gr, i);
            if (decay)
            {
                g += t * lambda;
            }
            var mi = first ? g * oneMinusBeta1 : Vector.LoadUnsafe(ref mr, i) * beta1 + g * oneMinusBeta1;
            var vi = first ? g * g * oneMinusBeta2 : Vector.LoadUnsafe(ref vr, i) * beta2 + g * g * oneMinusBeta2;
            mi.StoreUnsafe(ref mr, i);
            vi.StoreUnsafe(ref vr, i);
            var mHat = mi / correction1;
            var vHat = vi / correction2;
            (t - mHat * alpha / (Vector.SquareRoot(vHat) + epsilon)).StoreUnsafe(ref yr, i);
        }
    }
}
