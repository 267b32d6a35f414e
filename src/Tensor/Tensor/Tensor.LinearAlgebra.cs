namespace Scratch;

public sealed partial class Tensor
{
    /// <summary>
    /// The matrix product with NumPy's rules: 1-D operands are promoted to a row (left) or column
    /// (right) vector and the added dimension removed afterwards; leading batch dimensions broadcast.
    /// Transposed and broadcast views reach the GEMM without a copy.
    /// </summary>
    /// <exception cref="ArgumentException">The inner dimensions differ, a rank is 0, or the batch shapes do not broadcast.</exception>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        RequireSameDevice("matmul", a, b);
        RequireSameDType("matmul", a, b);
        a.RequireFloat("matmul");
        if (a.Rank == 0 || b.Rank == 0)
        {
            throw new ArgumentException($"matmul: operands must have rank >= 1, got shapes {a.Shape} and {b.Shape}");
        }
        var left = a.Rank == 1 ? a.Unsqueeze(0) : a;
        var right = b.Rank == 1 ? b.Unsqueeze(1) : b;
        int m = left.Shape[-2], k = left.Shape[-1], k2 = right.Shape[-2], n = right.Shape[-1];
        if (k != k2)
        {
            throw new ArgumentException($"matmul: inner dimensions differ: {a.Shape} @ {b.Shape} ({k} vs {k2})");
        }
        Tensor result;
        if (left.Rank == 2 && right.Rank == 2)
        {
            // No batch dimensions to broadcast (a layer's product): the operands' layouts as they are.
            result = a.WithStorage(a.Backend.MatMul(a.Storage, left.Layout, b.Storage, right.Layout), Shape.Owned([m, n]));
        }
        else
        {
            var batchA = new Shape(left.Shape.AsSpan()[..^2]);
            var batchB = new Shape(right.Shape.AsSpan()[..^2]);
            var batch = Shape.Broadcast(batchA, batchB, "matmul");
            var la = left.Layout.BroadcastTo(new Shape([.. batch, m, k]), "matmul");
            var lb = right.Layout.BroadcastTo(new Shape([.. batch, k, n]), "matmul");
            result = a.WithStorage(a.Backend.MatMul(a.Storage, la, b.Storage, lb), new Shape([.. batch, m, n]));
        }
        if (a.Rank == 1)
        {
            result = result.Squeeze(-2);
        }
        if (b.Rank == 1)
        {
            result = result.Squeeze(-1);
        }
        return result;
    }

    /// <summary>this @ other; see <see cref="MatMul(Tensor, Tensor)"/>.</summary>
    public Tensor MatMul(Tensor other) => MatMul(this, other);
}
