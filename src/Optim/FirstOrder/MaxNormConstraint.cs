using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Scratch.Backends.Cpu;

namespace Scratch.Optim;

// Problem: keep the incoming weight vector of every unit inside a ball of radius c, applied after each
// optimizer step (the "max column norm" of maxout training).
// Approach: for a weight of shape [out, in, ...] (our Linear and Conv2d layout), each slice along
// dimension 0 is one unit's incoming weights (a column of pylearn2's [in, out] matrix); a slice with
// norm ‖w‖ > c is rescaled to w·c/‖w‖, others are left alone.
// References:
//   [1] Srebro & Shraibman 2005, "Rank, trace-norm and max-norm", COLT.
//   [2] Goodfellow, Warde-Farley, Mirza, Courville & Bengio 2013, "Maxout Networks", ICML
//       (MNIST permutation-invariant maxout: max column norm 1.9365).

/// <summary>Projects each unit's incoming weights onto the ball ‖w‖₂ ≤ c; call <see cref="Apply"/> after each optimizer step.</summary>
public sealed class MaxNormConstraint
{
    private readonly Func<IParameter, bool> _applies;

    /// <summary>Creates the constraint.</summary>
    /// <param name="maxNorm">c &gt; 0, the largest allowed norm (Goodfellow et al.'s maxout MNIST: 1.9365).</param>
    /// <param name="applies">Which parameters to constrain; by default every parameter of rank ≥ 2 (weights, not biases).</param>
    /// <exception cref="ArgumentOutOfRangeException">maxNorm is not a finite number &gt; 0.</exception>
    public MaxNormConstraint(double maxNorm, Func<IParameter, bool>? applies = null)
    {
        MaxNorm = Check.Positive(maxNorm, "max norm");
        _applies = applies ?? (p => p.Value.Rank >= 2);
    }

    /// <summary>c, the largest allowed norm of a unit's incoming weights.</summary>
    public double MaxNorm { get; }

    /// <summary>Rescales, in every constrained parameter, the slices along dimension 0 whose norm exceeds c.</summary>
    public void Apply(IEnumerable<IParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters)
        {
            if (!_applies(p) || p.Value.Rank < 2)
            {
                continue;
            }
            var w = p.Value;
            p.Value = w.Device != Device.Cpu ? Expression(w)
                : w.DType == DType.Float32 ? Fused<float>(w.Contiguous())
                : w.DType == DType.Float64 ? Fused<double>(w.Contiguous())
                : Expression(w);
        }
    }

    // The projection as tensor ops, on any device.
    private Tensor Expression(Tensor w)
    {
        var axes = Enumerable.Range(1, w.Rank - 1).ToArray();
        var norms = w.Norm(2, axes, keepDim: true);
        // scale = min(1, c / ‖w‖); a zero slice gives c/0 = ∞ and keeps scale 1.
        var scale = Tensor.Minimum(MaxNorm / norms, Tensor.Scalar(1, w.DType, w.Device));
        return w * scale;
    }

    // The same projection in one pass over a contiguous CPU weight, its slices split across the cores: each slice is
    // squared into a scratch row and summed (the kernels of Square and of a sum over a contiguous row), then scaled
    // while it is still in L1, every value by the same IEEE operations as Expression's, so the same bits. Expression
    // writes three weight-sized temporaries and reads the weight three times.
    private Tensor Fused<T>(Tensor w) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = Tensor.CreateHost<T>(w.Shape, out _);
        int slices = w.Shape[0], width = slices == 0 ? 0 : (int)(w.Shape.ElementCount / slices);
        var c = T.CreateChecked(MaxNorm);
        CpuParallel.For(slices, width, (s0, s1) =>
        {
            var squares = ArrayPool<T>.Shared.Rent(width);
            ReadOnlySpan<T> source = w.HostElements<T>();
            var target = result.HostElements<T>();
            for (var s = s0; s < s1; s++)
            {
                var slice = source.Slice(s * width, width);
                TensorPrimitives.Multiply(slice, slice, squares.AsSpan(0, width));
                var scale = T.Min(c / T.Sqrt(TensorPrimitives.Sum<T>(squares.AsSpan(0, width))), T.One);
                TensorPrimitives.Multiply(slice, scale, target.Slice(s * width, width));
            }
            ArrayPool<T>.Shared.Return(squares);
        });
        return result;
    }
}
