namespace Scratch.Autograd;

public sealed partial class Variable
{
    /// <summary>
    /// Records a reduction y = f(x) over <paramref name="axes"/>. The backward sees the upstream
    /// gradient reshaped to the kept-dimension shape (size 1 on every reduced axis), so that it
    /// broadcasts against x whether or not the forward kept the dimensions; y is given in that shape too.
    /// </summary>
    private Variable Reduction(string op, int[]? axes, bool keepDim, Func<Tensor, Tensor> forwardKept,
        Func<Tensor, Tensor, Tensor, Tensor> backward)
    {
        var x = Data;
        CheckAxes(axes, op);
        var yKept = forwardKept(x);
        // x's shape with every reduced axis set to 1.
        var kept = yKept.Shape;
        var y = keepDim ? yKept : yKept.Reshape(ReducedShape(kept, axes, op));
        var label = axes is null ? op : $"{op}[{string.Join(", ", axes)}]";
        return Record(label, y, [this], [g => backward(g.Reshape(kept), x, yKept)]);
    }

    // ∂(Σᵢ xᵢ)/∂xⱼ = 1: the gradient is copied to every summed position.
    /// <summary>Σ over the given axes (all axes when none are given).</summary>
    public Variable Sum(int[]? axes = null, bool keepDim = false) =>
        Reduction("sum", axes, keepDim, x => x.Sum(axes, keepDim: true), (g, x, _) => g.BroadcastTo(x.Shape));

    /// <summary>Σ over one axis.</summary>
    public Variable Sum(int axis, bool keepDim = false) => Sum([axis], keepDim);

    // ∂(Σᵢ xᵢ / n)/∂xⱼ = 1/n
    /// <summary>The mean over the given axes (all axes when none are given).</summary>
    public Variable Mean(int[]? axes = null, bool keepDim = false) =>
        Reduction("mean", axes, keepDim, x => x.Mean(axes, keepDim: true),
            (g, x, y) => g.BroadcastTo(x.Shape) / Math.Max(1, x.ElementCount / Math.Max(1, y.ElementCount)));

    /// <summary>The mean over one axis.</summary>
    public Variable Mean(int axis, bool keepDim = false) => Mean([axis], keepDim);

    // ∂max/∂xⱼ = [xⱼ = max] / (number of maxima): with ties the gradient is split evenly among them,
    // so that the directional derivative along (1, 1, …) stays exact (PyTorch's max without dim does the same).
    /// <summary>The maximum over the given axes (all when none).</summary>
    public Variable Max(int[]? axes = null, bool keepDim = false) =>
        Reduction("max", axes, keepDim, x => x.Max(axes, keepDim: true), (g, x, y) => SplitAmongExtrema(g, x, y, axes));

    /// <summary>The maximum over one axis.</summary>
    public Variable Max(int axis, bool keepDim = false) => Max([axis], keepDim);

    // ∂min/∂xⱼ = [xⱼ = min] / (number of minima), split evenly among ties as for max.
    /// <summary>The minimum over the given axes (all when none).</summary>
    public Variable Min(int[]? axes = null, bool keepDim = false) =>
        Reduction("min", axes, keepDim, x => x.Min(axes, keepDim: true), (g, x, y) => SplitAmongExtrema(g, x, y, axes));

    /// <summary>The minimum over one axis.</summary>
    public Variable Min(int axis, bool keepDim = false) => Min([axis], keepDim);

    // ∂ log Σᵢ e^{xᵢ} / ∂xⱼ = e^{xⱼ − lse} = softmax(x)ⱼ
    /// <summary>log Σ eˣ over the given axes, computed stably.</summary>
    public Variable LogSumExp(int[]? axes = null, bool keepDim = false) =>
        Reduction("logsumexp", axes, keepDim, x => x.LogSumExp(axes, keepDim: true), (g, x, y) => g * (x - y).Exp());

    /// <summary>log Σ eˣ over one axis.</summary>
    public Variable LogSumExp(int axis, bool keepDim = false) => LogSumExp([axis], keepDim);

    /// <summary>
    /// The p-norm over the given axes for p = 1, 2 or ∞. The 1- and ∞-norms are composed of abs, sum
    /// and max (so their gradients are sign(x) and sign(x) at the largest |x|); the 2-norm has its own rule.
    /// </summary>
    /// <exception cref="ArgumentException">p is not 1, 2 or ∞.</exception>
    public Variable Norm(double p = 2, int[]? axes = null, bool keepDim = false) => p switch
    {
        1 => Abs().Sum(axes, keepDim),
        2 => Norm2(axes, keepDim),
        double.PositiveInfinity => Abs().Max(axes, keepDim),
        _ => throw new ArgumentException($"norm: p = {p} is not supported; expected 1, 2 or infinity", nameof(p)),
    };

    // ∂‖x‖₂/∂x = x / ‖x‖₂; at x = 0 we use the sub-gradient 0 rather than 0/0 (PyTorch does the same),
    // so that normalising a zero perturbation (an L2 attack step) gives zeros, not NaN.
    private Variable Norm2(int[]? axes, bool keepDim) =>
        Reduction("norm2", axes, keepDim, x => x.Square().Sum(axes, keepDim: true).Sqrt(),
            (g, x, y) => g * Tensor.Where(Tensor.Greater(y, Tensor.ZerosLike(y)), x / y, Tensor.ZerosLike(x)));

    // ∂softmax(x)ᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ), so the vector-Jacobian product is y ⊙ (g − Σⱼ gⱼyⱼ).
    /// <summary>softmax along an axis.</summary>
    public Variable Softmax(int axis = -1) => Unary($"softmax[{axis}]", x => x.Softmax(axis),
        (g, x, y) => y * (g - (g * y).Sum(axis, keepDim: true)));

    // ∂log_softmax(x)ᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ, so the vector-Jacobian product is g − softmax(x) Σᵢ gᵢ.
    /// <summary>log-softmax along an axis (stable).</summary>
    public Variable LogSoftmax(int axis = -1) => Unary($"log_softmax[{axis}]", x => x.LogSoftmax(axis),
        (g, x, y) => g - y.Exp() * g.Sum(axis, keepDim: true));

    private static Tensor SplitAmongExtrema(Tensor g, Tensor x, Tensor extremum, int[]? axes)
    {
        var isExtremum = Tensor.Equal(x, extremum);
        // (g / count) · [x = extremum] is bitwise g · [x = extremum] / count (count ≥ 1: g/count keeps g's sign, zero and
        // NaN), with the division on the reduced shape instead of the input's.
        return g / isExtremum.Sum(axes, keepDim: true) * isExtremum;
    }

    /// <summary>Checks the axes against x before the tensor op runs, so that an error names this op.</summary>
    private void CheckAxes(int[]? axes, string op)
    {
        foreach (var a in axes ?? [])
        {
            Shape.NormalizeAxis(a, op);
        }
    }

    /// <summary>The kept shape with the reduced axes removed.</summary>
    private Shape ReducedShape(Shape kept, int[]? axes, string op)
    {
        if (axes is null)
        {
            return Shape.Scalar;
        }
        Span<bool> isReduced = kept.Rank <= 256 ? stackalloc bool[kept.Rank] : new bool[kept.Rank];
        var count = 0;
        foreach (var a in axes)
        {
            ref var flag = ref isReduced[Shape.NormalizeAxis(a, op)];
            count += flag ? 0 : 1;
            flag = true;
        }
        var dims = new int[kept.Rank - count];
        for (int i = 0, j = 0; i < kept.Rank; i++)
        {
            if (!isReduced[i])
            {
                dims[j++] = kept.AsSpan()[i];
            }
        }
        return new Shape(dims);
    }
}
