namespace Scratch.Attacks;

// Problem: one row of the per-layer table of Szegedy et al. [1, Table 5]: a layer, its bound, and how the
// bound was obtained, so a reader can judge each number.
// Approach: a record with the layer's path, kind, shapes, bound, method and power-iteration work.
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3 and Table 5.

/// <summary>One row of a <see cref="LipschitzReport"/>: a layer and an upper bound on its Lipschitz constant in ℓ₂.</summary>
/// <param name="Name">The layer's dotted path in the model ("3", "block.1").</param>
/// <param name="Kind">The layer's type ("Linear", "Conv2d", "MaxPool2d", …).</param>
/// <param name="Bound">L with ‖f(x) − f(y)‖₂ ≤ L·‖x − y‖₂ for every pair of examples of the input shape (+∞: none exists).</param>
/// <param name="Method">How the bound was obtained, in words.</param>
/// <param name="InputShape">The shape of one example entering the layer (no batch axis).</param>
/// <param name="OutputShape">The shape of one example leaving it.</param>
/// <param name="Iterations">Power-iteration iterations, for layers bounded that way; else null.</param>
/// <param name="Converged">Whether that power iteration met its tolerance; null when none ran.</param>
public sealed record LayerLipschitz(string Name, string Kind, double Bound, string Method, Shape InputShape, Shape OutputShape,
    int? Iterations = null, bool? Converged = null);
