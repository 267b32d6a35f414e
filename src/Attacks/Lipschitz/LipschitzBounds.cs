using Scratch.Nn;

namespace Scratch.Attacks;

// Problem: an upper bound on the ℓ₂ Lipschitz constant of a whole network, the measure of instability
// of Szegedy et al. [1, §4.3, Table 5]: a small ‖r‖ can move the output by at most L·‖r‖.
// Approach: for a composition f = φ_L ∘ … ∘ φ_1, ‖f(x) − f(y)‖ ≤ (Π_l L_l)·‖x − y‖ with L_l the Lipschitz
// constant of φ_l [1, §4.3]. Walk the model's layers in order (a Sequential, nested ones
// flattened into dotted names; any other module as one layer), track the shape of one example through
// them, bound each layer (LayerBound.cs), and multiply. The product is an upper bound, usually far from
// tight: the per-layer worst cases need not line up.
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3 and Table 5.
//   [2] Sedghi, Gupta & Long 2019, "The singular values of convolutional layers", ICLR.

/// <summary>Per-layer Lipschitz upper bounds of a network and their product (Szegedy et al. 2014, §4.3).</summary>
public static class LipschitzBounds
{
    /// <summary>Bounds every layer of <paramref name="model"/> on examples of <paramref name="inputShape"/>.</summary>
    /// <param name="model">A layer, or a <see cref="Sequential"/> of layers (nested Sequentials allowed); the bounds are for evaluation mode.</param>
    /// <param name="inputShape">The shape of one example, without the batch axis: [1, 28, 28] for an MNIST image, [784] for a flat one.</param>
    /// <param name="options">Power-iteration settings for the dense layers; null: <see cref="PowerIterationOptions.Default"/>.</param>
    /// <returns>One row per layer and the product of the bounds.</returns>
    /// <exception cref="ArgumentException">The model has no layers, the input shape is empty or does not fit a layer, or a weight is NaN or infinite; the message names the layer.</exception>
    /// <exception cref="NotSupportedException">A layer is of a kind with no bound here; the message lists the supported kinds.</exception>
    public static LipschitzReport Of(Module model, Shape inputShape, PowerIterationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        options?.Validate();
        if (inputShape.Rank == 0 || inputShape.AsSpan().ContainsAnyExceptInRange(1, int.MaxValue))
        {
            throw new ArgumentException($"lipschitz: input shape {inputShape}; expected the shape of one example, every size ≥ 1", nameof(inputShape));
        }
        var layers = new List<(string Name, Module Layer)>();
        Collect("", model, layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException($"lipschitz: the model ({model.Describe()}) has no layers; expected at least one", nameof(model));
        }
        Shape shape = [1, .. inputShape];
        var rows = new List<LayerLipschitz>(layers.Count);
        var product = 1.0;
        foreach (var (name, layer) in layers)
        {
            var (row, output) = LayerBound.For(name, layer, shape, options);
            rows.Add(row);
            // L(φ_L ∘ … ∘ φ_1) ≤ Π_l L_l
            product *= row.Bound;
            shape = output;
        }
        return new LipschitzReport(rows, product);
    }

    private static void Collect(string prefix, Module module, List<(string, Module)> layers)
    {
        if (module is not Sequential sequential)
        {
            layers.Add((prefix.Length == 0 ? "model" : prefix, module));
            return;
        }
        for (var i = 0; i < sequential.Count; i++)
        {
            var name = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Collect(prefix.Length == 0 ? name : $"{prefix}.{name}", sequential[i], layers);
        }
    }
}
