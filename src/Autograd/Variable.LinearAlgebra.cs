namespace Scratch.Autograd;

public sealed partial class Variable
{
    // For Y = A B: ∂L/∂A = G Bᵀ and ∂L/∂B = Aᵀ G (G = ∂L/∂Y). Batch dimensions that were broadcast
    // are summed away centrally; 1-D operands are promoted to a row (A) or column (B) vector first.
    /// <summary>
    /// The matrix product with NumPy's rules (see <see cref="Tensor.MatMul(Tensor, Tensor)"/>): 1-D
    /// operands become a row or column vector, leading batch dimensions broadcast.
    /// </summary>
    public static Variable MatMul(Variable a, Variable b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var ta = a.Data;
        var tb = b.Data;
        var a2 = ta.Rank == 1 ? ta.Unsqueeze(0) : ta;
        var b2 = tb.Rank == 1 ? tb.Unsqueeze(1) : tb;
        return Record("matmul", Tensor.MatMul(ta, tb), [a, b],
        [
            g => DropPromoted(Promoted(g, ta, tb).MatMul(b2.MT), ta.Rank == 1, -2),
            g => DropPromoted(a2.MT.MatMul(Promoted(g, ta, tb)), tb.Rank == 1, -1),
        ]);
    }

    /// <summary>this @ other; see <see cref="MatMul(Variable, Variable)"/>.</summary>
    public Variable MatMul(Variable other) => MatMul(this, other);

    private static Tensor DropPromoted(Tensor grad, bool promoted, int axis) => promoted ? grad.Squeeze(axis) : grad;

    /// <summary>The output gradient with the dimensions that a 1-D operand's promotion added and the product removed put back.</summary>
    private static Tensor Promoted(Tensor g, Tensor a, Tensor b)
    {
        var m = a.Rank == 1 ? g.Unsqueeze(b.Rank == 1 ? g.Rank : g.Rank - 1) : g;
        return b.Rank == 1 ? m.Unsqueeze(m.Rank) : m;
    }
}
