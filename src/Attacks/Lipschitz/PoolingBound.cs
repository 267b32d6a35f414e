namespace Scratch.Attacks;

// Problem: Lipschitz constants (in ℓ₂ over the whole example) of max and average pooling with square
// k × k windows, stride s, on every channel.
// Approach: let m = ⌈k/s⌉; along one axis an input position lies in at most m windows, so in at most m²
// windows in 2-D (exactly m² for interior positions of a large enough input).
//   Max pooling: |max(a) − max(b)| ≤ max_i |a_i − b_i| ≤ ‖a − b‖₂ on each window, so
//     ‖P(x) − P(y)‖² ≤ Σ_windows ‖(x − y)_window‖² ≤ m²‖x − y‖², a bound m. For non-overlapping
//     windows (s ≥ k) m = 1: max pooling is contractive, as Szegedy et al. note [1, §4.3]. For
//     overlapping windows the bound m is reached: a spike at a position covered by m² windows moves
//     every one of those outputs by its full height. Padded positions never win, which changes nothing.
//   Average pooling (zero padding counted in the divisor k²): by Cauchy–Schwarz
//     (Σ_window d_i / k²)² ≤ ‖d_window‖² / k², so ‖A d‖² ≤ m²‖d‖² / k², a bound m / k
//     (1/k for non-overlapping windows, reached by a constant input on full windows).
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3.

/// <summary>Lipschitz constants of max and average pooling with k × k windows and stride s.</summary>
internal static class PoolingBound
{
    /// <summary>⌈k/s⌉, the most windows that contain one position along one axis.</summary>
    public static int Overlap(int kernel, int stride) => (kernel + stride - 1) / stride;

    /// <summary>The bound of max pooling: ⌈k/s⌉ (1 for non-overlapping windows).</summary>
    // L(max pool) ≤ √(⌈k/s⌉²) = ⌈k/s⌉
    public static double Max(int kernel, int stride) => Overlap(kernel, stride);

    /// <summary>The bound of average pooling with the divisor k²: ⌈k/s⌉ / k.</summary>
    // L(avg pool) ≤ √(⌈k/s⌉² / k²) = ⌈k/s⌉ / k
    public static double Average(int kernel, int stride) => (double)Overlap(kernel, stride) / kernel;
}
