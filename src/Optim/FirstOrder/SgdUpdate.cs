using System.Numerics;
using System.Runtime.InteropServices;
using Scratch.Backends.Cpu;

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
        Tensor thetaIn = theta.Contiguous(), gradIn = gradient.Contiguous();
        ReadOnlySpan<T> th = thetaIn.HostElements<T>(), grad = gradIn.HostElements<T>();
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
        var k = new Coefficients<T>(c, momentum, first);
        // Whole vectors straight from memory, split across the cores; the last partial vector through zero-padded
        // copies, so that the loop has no branch for it (a call in the loop would keep every vector in memory).
        var whole = th.Length - th.Length % Vector<T>.Count;
        SweepAcrossCores(thetaIn, gradIn, momentum ? velocity : null, result, whole, k);
        if (whole < th.Length)
        {
            var rest = th.Length - whole;
            Span<T> t = stackalloc T[Vector<T>.Count], g = stackalloc T[Vector<T>.Count];
            Span<T> vt = stackalloc T[Vector<T>.Count], yt = stackalloc T[Vector<T>.Count];
            t.Clear();
            g.Clear();
            vt.Clear();
            th[whole..].CopyTo(t);
            grad[whole..].CopyTo(g);
            if (momentum && !first)
            {
                v[whole..].CopyTo(vt);
            }
            Sweep(t, g, momentum ? vt : default, yt, k);
            yt[..rest].CopyTo(y[whole..]);
            if (momentum)
            {
                vt[..rest].CopyTo(v[whole..]);
            }
        }
        return result;
    }

    // Sweep over the first `whole` elements (a whole number of vectors), in vector-aligned pieces across the cores: each
    // element's step reads and writes only its own θ, g and v, so the split changes no bit. A large weight's step is a
    // stream through memory (θ, g, v read, θ′ and v written), which two cores' caches move faster than one.
    private static void SweepAcrossCores<T>(Tensor theta, Tensor gradient, Tensor? velocity, Tensor result, int whole, Coefficients<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var width = Vector<T>.Count;
        CpuParallel.For(whole / width, 5 * width, (v0, v1) =>
        {
            int start = v0 * width, length = (v1 - v0) * width;
            Sweep(theta.HostElements<T>().Slice(start, length), gradient.HostElements<T>().Slice(start, length),
                velocity is null ? default : velocity.HostElements<T>().Slice(start, length), result.HostElements<T>().Slice(start, length), k);
        });
    }

    // The step's constants in the element type, and which form of it runs.
    private readonly struct Coefficients<T>(in SgdCoefficients c, bool momentum, bool first) where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly T Eta = T.CreateChecked(c.LearningRate), Mu = T.CreateChecked(c.Momentum), Lambda = T.CreateChecked(c.WeightDecay);
        public readonly bool Decay = c.WeightDecay != 0, Momentum = momentum, First = first, Nesterov = c.Nesterov;
    }

    // The step over spans whose length is a whole number of vectors; v is empty without momentum.
    private static void Sweep<T>(ReadOnlySpan<T> th, ReadOnlySpan<T> grad, Span<T> v, Span<T> y, in Coefficients<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref var tr = ref MemoryMarshal.GetReference(th);
        ref var gr = ref MemoryMarshal.GetReference(grad);
        ref var vr = ref MemoryMarshal.GetReference(v);
        ref var yr = ref MemoryMarshal.GetReference(y);
        T eta = k.Eta, mu = k.Mu, lambda = k.Lambda;
        bool decay = k.Decay, momentum = k.Momentum, first = k.First, nesterov = k.Nesterov;
        for (nuint i = 0; i < (nuint)th.Length; i += (nuint)Vector<T>.Count)
        {
            var t = Vector.LoadUnsafe(ref tr, i);
            var g = Vector.LoadUnsafe(ref gr, i);
            if (decay)
            {
                g += t * lambda;
            }
            var d = g;
            if (momentum)
            {
                var vi = first ? g : Vector.LoadUnsafe(ref vr, i) * mu + g;
                vi.StoreUnsafe(ref vr, i);
                d = nesterov ? g + vi * mu : vi;
            }
            (t - d * eta).StoreUnsafe(ref yr, i);
        }
    }
}
