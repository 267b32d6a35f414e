using System.Numerics.Tensors;

namespace Scratch.Attacks;

// Problem: the Lipschitz constant of an affine layer x ↦ W x + b in the Euclidean norm, which is the
// spectral norm ‖W‖₂ = σ_max(W) (the bias cancels in f(x) − f(y) = W(x − y)); for the layer
// max(0, W x + b) it is a bound, since ReLU is 1-Lipschitz [1, §4.3].
// Approach: power iteration on WᵀW ([2], PowerIteration.cs) with plain row-major matrix-vector products
// in float64. A Linear layer applied to the last axis of a larger example acts as I ⊗ W on it, whose
// norm is again ‖W‖₂.
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3.
//   [2] Golub & Van Loan 2013, "Matrix Computations", 4th ed., §8.2.1.

/// <summary>The spectral norm ‖W‖₂ (largest singular value) of a dense matrix, by power iteration in float64.</summary>
public static class SpectralNorm
{
    /// <summary>‖W‖₂ of a weight tensor of shape [rows, cols] (a <see cref="Scratch.Nn.Linear"/> layer's [out, in]).</summary>
    /// <exception cref="ArgumentException">The weight is not of rank 2, is empty, or holds a NaN or infinity.</exception>
    public static PowerIterationResult Of(Tensor weight, PowerIterationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2)
        {
            throw new ArgumentException($"spectral norm: weight of shape {weight.Shape}; expected a matrix [rows, cols]", nameof(weight));
        }
        var values = WeightValues.Read(weight, nameof(weight), nameof(weight));
        return OfMatrix(values, weight.Shape[0], weight.Shape[1], options);
    }

    /// <summary>‖W‖₂ of the row-major matrix <paramref name="w"/> with <paramref name="rows"/> rows and <paramref name="cols"/> columns.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive, the length is not rows·cols, or an element is NaN or infinite.</exception>
    public static PowerIterationResult OfMatrix(double[] w, int rows, int cols, PowerIterationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        if (w.Length != checked(rows * cols))
        {
            throw new ArgumentException($"spectral norm: {w.Length} values for a {rows}×{cols} matrix; expected {rows * cols}", nameof(w));
        }
        WeightValues.Require(w, new Shape(rows, cols), nameof(w), nameof(w));
        return PowerIteration.Run(v => Multiply(w, rows, cols, v), u => MultiplyTransposed(w, rows, cols, u), cols, options);
    }

    // (W v)ᵢ = Σⱼ Wᵢⱼ vⱼ, one dot product per row.
    private static double[] Multiply(double[] w, int rows, int cols, double[] v)
    {
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            y[i] = TensorPrimitives.Dot(w.AsSpan(i * cols, cols), v);
        }
        return y;
    }

    // Wᵀ u = Σᵢ uᵢ Wᵢ,:, accumulated row by row in a fixed order.
    private static double[] MultiplyTransposed(double[] w, int rows, int cols, double[] u)
    {
        var z = new double[cols];
        for (var i = 0; i < rows; i++)
        {
            TensorPrimitives.MultiplyAdd(w.AsSpan(i * cols, cols), u[i], z, z);
        }
        return z;
    }
}
