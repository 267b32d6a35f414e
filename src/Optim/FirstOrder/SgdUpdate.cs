using System.Numerics;

namespace Scratch.Optim;

// Problem: one SGD step for one parameter (the formulas are in Sgd.cs), fast on the CPU and readable everywhere.
// Approach: two forms of the same step. Expression is the formulas as tensor ops: it runs on every device, and
// it allocates a temporary and makes a pass over memory per op. Fused makes one pass over θ, g and v with
// Vector<T> lanes and allocates only the new θ and v. Fused applies the same IEEE operations in the same order
// as Expression (one rounding per op, no fused multiply-add), so the two give the same bits; a test checks it.

/// <summary>The coefficients of an SGD step: η, μ, λ and the momentum variant.</summary>
internal readonly record struct SgdCoefficients(double LearningRate, double Momentum, double WeightDecay, bool Nesterov);

/// <summary>One SGD step for one parameter, as a tensor expression or as a fused CPU kernel.</summary>
internal static class SgdUpdate
{
    /// <summary>The new θ; <paramref name="velocity"/> (null before the first step) becomes the new v.</summary>
    public static Tensor Step(Tensor theta, Tensor gradient, ref Tensor? velocity, in SgdCoefficients c) =>
        theta.DType switch
        {
            DType.Float32 when TryFused<float>(theta, gradient, ref velocity, c, out var fused) => fused,
            DType.Float64 when TryFused<double>(theta, gradient, ref velocity, c, out var fused) => fused,
            _ => Expression(theta, gradient, ref velocity, c),
        };

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
            // v ← μv + g (v₁ = g)
            var v = velocity is { } previous ? c.Momentum * previous + g : g;
            velocity = v;
            // heavy ball: d = v; Nesterov: d = g + μv
            direction = c.Nesterov ? g + c.Momentum * v : v;
        }
        // θ ← θ − η·d
        return theta - c.LearningRate * direction;
    }

    /// <summary>The step in one pass over contiguous CPU tensors of element type T; false (nothing done) for anything else.</summary>
    public static bool TryFused<T>(Tensor theta, Tensor gradient, ref Tensor? velocity, in SgdCoefficients c, out Tensor result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        result = null!;
        ReadOnlySpan<T> previous = default;
        var momentum = c.Momentum != 0;
        if (!theta.TryReadHost<T>(out var th) || !gradient.TryReadHost<T>(out var grad) ||
            (momentum && velocity is not null && !velocity.TryReadHost(out previous)))
        {
            return false;
        }
        var first = velocity is null;
        Span<T> v = default;
        var next = momentum ? Tensor.CreateHost(theta.Shape, out v) : null;
        result = Tensor.CreateHost<T>(theta.Shape, out var y);
        T eta = T.CreateChecked(c.LearningRate), mu = T.CreateChecked(c.Momentum), lambda = T.CreateChecked(c.WeightDecay);
        for (var i = 0; i < th.Length; i += Vector<T>.Count)
        {
            var t = Lanes.Load(th, i);
            var g = Lanes.Load(grad, i);
            if (c.WeightDecay != 0)
            {
                g += t * lambda;
            }
            var d = g;
            if (momentum)
            {
                var vi = first ? g : Lanes.Load(previous, i) * mu + g;
                Lanes.Store(vi, v, i);
                d = c.Nesterov ? g + vi * mu : vi;
            }
            Lanes.Store(t - d * eta, y, i);
        }
        if (momentum)
        {
            velocity = next;
        }
        return true;
    }
}
