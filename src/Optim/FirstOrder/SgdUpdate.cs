using System.Numerics;

namespace Scratch.Optim;

// Problem: one SGD step for one parameter (the formulas are in Sgd.cs), fast on the CPU and readable everywhere.
// Approach: two forms of the same step. Expression is the formulas as tensor ops: it runs on every device, and
// it allocates a temporary and makes a pass over memory per op. Fused, used for every CPU parameter, makes one
// pass over θ, g and v with Vector<T> lanes, updates v in place (the optimizer's own buffer, never handed out)
// and allocates only the new θ (parameters stay values: a tensor read before the step keeps its contents).
// Fused applies the same IEEE operations in the same order as Expression (one rounding per op, no fused
// multiply-add), so the two give the same bits; a test checks it.

/// <summary>The coefficients of an SGD step: η, μ, λ and the momentum variant.</summary>
internal readonly record struct SgdCoefficients(double LearningRate, double Momentum, double WeightDecay, bool Nesterov);

/// <summary>One SGD step for one parameter, as a tensor expression or as a fused CPU kernel.</summary>
internal static class SgdUpdate
{
    /// <summary>The new θ; <paramref name="velocity"/> (null before the first step) holds v afterwards.</summary>
    public static Tensor Step(Tensor theta, Tensor gradient, ref Tensor? velocity, in SgdCoefficients c) =>
        theta.Device != Device.Cpu ? Expression(theta, gradient, ref velocity, c)
        : theta.DType == DType.Float32 ? Fused<float>(theta, gradient, ref velocity, c)
        : Fused<double>(theta, gradient, ref velocity, c);

    /// <summary>The step as tensor ops, on any device.</summary>
    public static Tensor Expression(Tensor theta, Tensor gradient, ref Tensor? velocity, in SgdCoefficients c)
    {
        var g = gradient;
        // g ← ∇θ + λθ
        if (c.WeightDecay != 0)
        {
            g = g + c.WeightDecay * theta;
        }
        var direction = g;
        if (c.Momentum != 0)
        {
            // v ← μv + g (v₁ = g, copied: the gradient's memory may be recycled after the step, docs/memory.md)
            var v = velocity is { } previous ? c.Momentum * previous + g : g.Clone();
            velocity = v;
            // heavy ball: d = v; Nesterov: d = g + μv
            direction = c.Nesterov ? g + c.Momentum * v : v;
        }
        // θ ← θ − η·d
        return theta - c.LearningRate * direction;
    }

    /// <summary>The step in one pass over CPU tensors of element type T (strided views are made contiguous first).</summary>
    public static Tensor Fused<T>(Tensor theta, Tensor gradient, ref Tensor? velocity, in SgdCoefficients c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> th = theta.Contiguous().HostElements<T>(), grad = gradient.Contiguous().HostElements<T>();
        var momentum = c.Momentum != 0;
        var first = velocity is null;
        Span<T> v = default;
        if (momentum)
        {
            // A new private buffer on the first step (which writes every element), else the one from the last step.
            velocity ??= Tensor.CreateHost<T>(theta.Shape, out _);
            v = velocity.HostElements<T>();
        }
        var result = Tensor.CreateHost<T>(theta.Shape, out var y);
        T eta = T.CreateChecked(c.LearningRate), mu = T.CreateChecked(c.Momentum), lambda = T.CreateChecked(c.WeightDecay);
        bool decay = c.WeightDecay != 0, nesterov = c.Nesterov;
        for (var i = 0; i < th.Length; i += Vector<T>.Count)
        {
            var t = Lanes.Load(th, i);
            var g = Lanes.Load(grad, i);
            if (decay)
            {
                g += t * lambda;
            }
            var d = g;
            if (momentum)
            {
                var vi = first ? g : Lanes.Load(v, i) * mu + g;
                Lanes.Store(vi, v, i);
                d = nesterov ? g + vi * mu : vi;
            }
            Lanes.Store(t - d * eta, y, i);
        }
        return result;
    }
}
