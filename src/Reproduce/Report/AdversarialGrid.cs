using System.Globalization;
using Scratch.Attacks;

namespace Scratch.Reproduce;

/// <summary>
/// The picture of an attack: one row per example, columns clean x | perturbation x′ − x (magnified around mid-grey) |
/// adversarial x′, each captioned with the prediction and its probability as the classifier gives them.
/// </summary>
public static class AdversarialGrid
{
    /// <summary>A grid of the first <paramref name="count"/> examples of <paramref name="result"/> (images of one channel, [N, 1, H, W] or [N, H·W] with H = W).</summary>
    /// <exception cref="ArgumentException">The examples are not square single-channel images.</exception>
    public static ImageGrid Build(AttackResult result, int count = 8)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = Math.Min(count, result.Count);
        if (rows == 0)
        {
            throw new ArgumentException("adversarial grid: the result has no examples", nameof(result));
        }
        var pixels = result.Original.ElementCount / result.Count;
        var side = (int)Math.Round(Math.Sqrt(pixels));
        if (side * side != pixels)
        {
            throw new ArgumentException($"adversarial grid: examples of shape {result.Original.Shape}; expected square single-channel images", nameof(result));
        }
        var clean = result.Original.Narrow(0, 0, rows).To(Device.Cpu).To(DType.Float32).Reshape(rows, side, side);
        var adversarial = result.Adversarial.Narrow(0, 0, rows).To(Device.Cpu).To(DType.Float32).Reshape(rows, side, side);
        var perturbation = adversarial - clean;
        var magnitude = Math.Max(perturbation.Abs().Max().Item(), 1e-6);
        var grid = new ImageGrid(rows, 3) { Upscale = 3 };
        grid.SetColumnTitle(0, "clean");
        grid.SetColumnTitle(1, string.Create(CultureInfo.InvariantCulture, $"x' - x (±{magnitude:0.###})"));
        grid.SetColumnTitle(2, "adversarial");
        for (var i = 0; i < rows; i++)
        {
            var e = result.Examples[i];
            grid.Set(i, 0, clean[i], Caption(e.CleanPrediction, e.CleanConfidence, e.Label));
            grid.Set(i, 1, perturbation[i], string.Create(CultureInfo.InvariantCulture, $"L2 {e.Size.L2:0.00}"), ValueScale.Signed(magnitude));
            grid.Set(i, 2, adversarial[i], Caption(e.Prediction, e.Confidence, e.Label));
        }
        return grid;
    }

    // "7 (97%)", marked with "label 3" when the prediction is wrong.
    private static string Caption(int prediction, double confidence, int label) => string.Create(CultureInfo.InvariantCulture,
        $"{prediction} ({confidence * 100:0}%){(prediction == label ? "" : $", label {label}")}");
}
