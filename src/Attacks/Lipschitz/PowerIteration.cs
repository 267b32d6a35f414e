using System.Numerics.Tensors;
using Scratch.Backends;

namespace Scratch.Attacks;

// Problem: the spectral norm ‖A‖₂ = σ_max(A) of a linear map A: ℝⁿ → ℝᵐ given only as two
// functions, v ↦ A v and u ↦ Aᵀ u (a dense matrix, or a convolution and its transpose).
// Approach: power iteration on the symmetric positive semi-definite AᵀA [2, §8.2.1], in float64, from a
// seeded Gaussian start (almost surely not orthogonal to the top right singular vector). With u = A v
// and ‖v‖ = 1, the estimate σ = ‖Aᵀu‖ / ‖u‖ satisfies ‖Av‖ ≤ σ ≤ σ_max (Cauchy–Schwarz:
// ‖AᵀAv‖ ≥ vᵀAᵀAv = ‖Av‖²), so it approaches σ_max from below; its error shrinks like (σ₂/σ₁)^(2k).
// It stops when the relative change of σ falls to the tolerance, or at the iteration cap, and says
// which. The value is an estimate of the exact norm, not a certified bound: a slowly converging run
// (σ₂ ≈ σ₁) can stop a little below σ_max, by about tolerance·σ₂²/(σ₁² − σ₂²) relative.
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3 (the layer bound ‖W‖ is the largest singular value).
//   [2] Golub & Van Loan 2013, "Matrix Computations", 4th ed., §8.2.1 (the power method).

/// <summary>
/// Power iteration for the largest singular value of a linear map given by its action and its transpose's action.
/// Deterministic: the same options give the same bits.
/// </summary>
public static class PowerIteration
{
    /// <summary>Estimates ‖A‖₂.</summary>
    /// <param name="apply">v ↦ A v, from length <paramref name="inputSize"/> to any fixed length m.</param>
    /// <param name="applyTranspose">u ↦ Aᵀ u, from length m back to length <paramref name="inputSize"/>.</param>
    /// <param name="inputSize">n, the length of the vectors A acts on.</param>
    /// <param name="options">Seed, tolerance and iteration cap; null: <see cref="PowerIterationOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">n ≤ 0, an option is out of range, or <paramref name="applyTranspose"/> returns a vector of the wrong length.</exception>
    /// <exception cref="ArithmeticException">The operator returned a NaN or infinite value.</exception>
    public static PowerIterationResult Run(Func<double[], double[]> apply, Func<double[], double[]> applyTranspose, int inputSize,
        PowerIterationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(applyTranspose);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        options ??= PowerIterationOptions.Default;
        options.Validate();
        var v = new double[inputSize];
        Philox.Fill(RandomDistribution.Normal, options.Seed, 0, v.AsSpan());
        // v₀ = z / ‖z‖, z ~ N(0, I).
        TensorPrimitives.Divide(v, TensorPrimitives.Norm<double>(v), v);
        var previous = 0.0;
        var change = double.PositiveInfinity;
        for (var k = 1; k <= options.MaxIterations; k++)
        {
            // u = A vₖ
            var u = apply(v);
            var uNorm = RequireFinite(TensorPrimitives.Norm<double>(u), "‖A v‖", k);
            if (uNorm == 0)
            {
                // A v = 0 for a Gaussian v happens (with probability 1) only for A = 0, whose norm is 0.
                return new PowerIterationResult(0, k, true, 0);
            }
            // w = Aᵀ u = AᵀA vₖ
            var w = applyTranspose(u);
            if (w.Length != inputSize)
            {
                throw new ArgumentException($"power iteration: the transpose returned {w.Length} values; expected {inputSize}", nameof(applyTranspose));
            }
            var wNorm = RequireFinite(TensorPrimitives.Norm<double>(w), "‖Aᵀ A v‖", k);
            // σₖ = ‖AᵀA vₖ‖ / ‖A vₖ‖, with ‖A vₖ‖ ≤ σₖ ≤ σ_max
            var sigma = wNorm / uNorm;
            // the stopping test: |σₖ − σₖ₋₁| / σₖ ≤ tolerance
            change = Math.Abs(sigma - previous) / sigma;
            if (change <= options.Tolerance)
            {
                return new PowerIterationResult(sigma, k, true, change);
            }
            previous = sigma;
            // vₖ₊₁ = AᵀA vₖ / ‖AᵀA vₖ‖
            TensorPrimitives.Divide(w, wNorm, v);
        }
        return new PowerIterationResult(previous, options.MaxIterations, false, change);
    }

    private static double RequireFinite(double value, string what, int iteration) =>
        double.IsFinite(value)
            ? value
            : throw new ArithmeticException($"power iteration: {what} is {value} at iteration {iteration}; the operator must map finite vectors to finite vectors");
}
