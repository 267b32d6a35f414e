namespace Scratch.Autograd;

public sealed partial class Variable
{
    // For Y = X Wᵀ + b with X flattened to rows: ∂L/∂X = G W, ∂L/∂W = Gᵀ X, ∂L/∂b = Σ_rows G (G = ∂L/∂Y).
    /// <summary>
    /// The affine map y = x Wᵀ + b (PyTorch's <c>F.linear</c>) as one node of the tape: x of shape [..., in],
    /// W of shape [out, in], b of shape [out] or null; y has shape [..., out]. It computes what
    /// <c>x.MatMul(W.MT) + b</c> computes, but ∂L/∂W comes out as one contiguous [out, in] product Gᵀ X
    /// rather than as a transposed view of Xᵀ G, so an optimizer reads it in a single pass.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit; the message names all three.</exception>
    public static Variable Linear(Variable input, Variable weight, Variable? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        var x = input.Data;
        var w = weight.Data;
        if (w.Rank != 2 || x.Rank < 1 || x.Shape[-1] != w.Shape[1] || (bias is not null && (bias.Rank != 1 || bias.Shape[0] != w.Shape[0])))
        {
            throw new ArgumentException(
                $"linear: input {x.Shape}, weight {w.Shape} and bias {bias?.Shape.ToString() ?? "none"} do not fit; expected [..., in], [out, in] and [out]",
                nameof(input));
        }
        int inFeatures = w.Shape[1], outFeatures = w.Shape[0];
        var inputShape = x.Shape;
        var rows = x.Rank == 2 ? x : x.Reshape(-1, inFeatures);
        var y = Tensor.MatMul(rows, w.MT);
        if (bias is not null)
        {
            y = y + bias.Data;
        }
        if (x.Rank != 2)
        {
            var outputShape = x.Shape.ToArray();
            outputShape[^1] = outFeatures;
            y = y.Reshape(outputShape);
        }
        Func<Tensor, Tensor> inputGradient = g => Rows(g, outFeatures).MatMul(w).Reshape(inputShape);
        Func<Tensor, Tensor> weightGradient = g => Rows(g, outFeatures).MT.MatMul(rows);
        if (bias is null)
        {
            return Record("linear", y, [input, weight], [inputGradient, weightGradient]);
        }
        return Record("linear", y, [input, weight, bias], [inputGradient, weightGradient, g => Rows(g, outFeatures).Sum(0)]);
    }

    // The gradient of the output as rows [n, out] (it already is one when the input was a matrix).
    private static Tensor Rows(Tensor g, int outFeatures) => g.Rank == 2 ? g : g.Reshape(-1, outFeatures);
}
