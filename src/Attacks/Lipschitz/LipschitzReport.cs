using System.Globalization;
using System.Text;

namespace Scratch.Attacks;

// Problem: the per-layer Lipschitz bounds of a network and the bound of the whole network [1, §4.3].
// Approach: the rows in order and their product (a composition's Lipschitz constant is at most the
// product of its layers'), printable as a markdown table.
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3 and Table 5.

/// <summary>
/// Per-layer Lipschitz upper bounds of a network and their product, an upper bound for the whole network
/// (Szegedy et al. 2014, §4.3 and Table 5): ‖f(x) − f(y)‖₂ ≤ Π_l L_l · ‖x − y‖₂ for f a composition of layers.
/// </summary>
/// <param name="Layers">One row per layer, in the order the layers are applied.</param>
/// <param name="Product">Π_l L_l over <see cref="Layers"/> (+∞ when a layer has no bound).</param>
public sealed record LipschitzReport(IReadOnlyList<LayerLipschitz> Layers, double Product)
{
    /// <summary>Whether every power iteration behind the table met its tolerance.</summary>
    public bool AllConverged => Layers.All(l => l.Converged ?? true);

    /// <summary>A markdown table (layer, kind, shapes, bound, method) and a last line with the product.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| Layer | Kind | Input | Output | Bound | Method |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var l in Layers)
        {
            var converged = l.Converged is false ? " (not converged)" : "";
            var iterations = l.Iterations is { } k ? $"; {k} iterations{converged}" : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {l.Name} | {l.Kind} | {l.InputShape} | {l.OutputShape} | {Format(l.Bound)} | {Cell(l.Method + iterations)} |");
        }
        text.Append(CultureInfo.InvariantCulture, $"\nProduct of the bounds (network): {Format(Product)}\n");
        return text.ToString();
    }

    // A '|' inside a cell (|φ′|) would end it.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : value.ToString("G6", CultureInfo.InvariantCulture);
}
