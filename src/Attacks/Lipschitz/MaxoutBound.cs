using System.Globalization;
using System.Numerics.Tensors;
using Scratch.Nn;

namespace Scratch.Attacks;

// Problem: a Lipschitz bound for a maxout layer h_j(x) = max_k (w_jk·x + b_jk), j < units, k < pieces.
// Approach: the maximum over each piece of its norm is NOT a bound: the layer's local linear map takes,
// for each unit j, the row of the piece k_j(x) that wins at x, and rows of different pieces can combine
// into a matrix with a larger norm. (Two units, two pieces on ℝ²: unit 1 has rows e₁, e₂ and unit 2 has
// e₂, e₁. Each piece matrix [e₁; e₂] or [e₂; e₁] is orthogonal, norm 1; where x₁ > x₂ both units pick e₁,
// h = (x₁, x₁), whose Lipschitz constant is √2.) Two valid bounds, since
//   |h_j(x) − h_j(y)| ≤ max_k |w_jk·(x − y)|  (a max of functions moves at most as much as the one that moves most):
//   (a) stacked:  Σ_j max_k |w_jk·d|² ≤ Σ_j Σ_k |w_jk·d|² = ‖W d‖², so L ≤ ‖W‖₂, W the [units·pieces × in]
//       matrix of all pieces (the layer's Linear weight), by power iteration (SpectralNorm.cs);
//   (b) row-wise: Σ_j max_k |w_jk·d|² ≤ Σ_j max_k ‖w_jk‖² ‖d‖², so L ≤ √(Σ_j max_k ‖w_jk‖²).
// Neither dominates: rows e₁, e₂ as two units of one piece give (a) = 1 < (b) = √2; one unit whose two
// pieces are both e₁ gives (b) = 1 < (a) = √2 (on the example above both are √2, the true constant).
// We return the smaller and say which it was.
// References:
//   [1] Goodfellow, Warde-Farley, Mirza, Courville & Bengio 2013, "Maxout networks", ICML.
//   [2] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3.

/// <summary>A Lipschitz bound for a <see cref="Maxout"/> layer: the smaller of the stacked-matrix norm and the row-wise bound.</summary>
internal static class MaxoutBound
{
    public static (double Bound, string Method, PowerIterationResult Stacked) Of(Maxout layer, PowerIterationOptions? options)
    {
        var weight = layer.Linear.Weight;
        var w = WeightValues.Read(weight.Value, weight.Name, "model");
        var inFeatures = layer.Linear.InFeatures;
        var stacked = SpectralNorm.OfMatrix(w, layer.Units * layer.Pieces, inFeatures, options);
        var sum = 0.0;
        for (var j = 0; j < layer.Units; j++)
        {
            var largest = 0.0;
            for (var k = 0; k < layer.Pieces; k++)
            {
                // Unit j's piece k is row j·pieces + k (Maxout's unit-major layout).
                var row = w.AsSpan((j * layer.Pieces + k) * inFeatures, inFeatures);
                largest = Math.Max(largest, TensorPrimitives.SumOfSquares<double>(row));
            }
            // Σ_j max_k ‖w_jk‖²
            sum += largest;
        }
        // (b): L ≤ √(Σ_j max_k ‖w_jk‖²)
        var rowWise = Math.Sqrt(sum);
        return stacked.Norm <= rowWise
            ? (stacked.Norm, string.Create(CultureInfo.InvariantCulture,
                $"‖W‖₂ of the stacked {layer.Units * layer.Pieces}×{inFeatures} matrix of all pieces, by power iteration (row-wise bound {rowWise:G4})"), stacked)
            : (rowWise, string.Create(CultureInfo.InvariantCulture,
                $"√(Σ_units max_pieces ‖w‖²), the row-wise bound (stacked ‖W‖₂ = {stacked.Norm:G4})"), stacked);
    }
}
