using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;
using Scratch.Nn;

namespace Scratch.Reproduce;

/// <summary>
/// Szegedy et al. §3, Figs. 1–2: for a hidden layer φ of the MNIST conv net, the test images that maximise one unit
/// ⟨φ(x), eᵢ⟩ beside those that maximise a random direction ⟨φ(x), v⟩. The paper's finding is qualitative (both look
/// equally coherent); we show the grids and, as a number, how often the top images share one label.
/// </summary>
internal sealed class UnitsAndDirections : IExperiment
{
    private const int Rows = 4;
    private const int TopK = 8;

    public string Name => "szegedy-units";

    public string Paper => "szegedy";

    public string Title => "§3: units against random directions (Figs. 1–2)";

    public ExperimentResult Run(ReproduceContext context)
    {
        var model = (Sequential)StandardModels.Get(context, "conv");
        // φ: everything up to the flattened output of the second conv block (1,024 features), the layer below the logits.
        var layers = model.Children.Count - 1;
        var candidates = context.Test.Range(0, Math.Min(context.Test.Count, context.Preset.FgsmSample ?? context.Test.Count));
        // In float64 once: every direction's scores below are products with it.
        var features = UnitDirections.Features(model, layers, candidates.Images().To(context.Device)).To(DType.Float64);
        var dimension = features.Shape[1];
        var labels = candidates.Labels;
        var variance = features.Square().Mean(0).To(Device.Cpu).ToArray<double>();
        // The most active units (largest mean square activation): dead ReLU units would show arbitrary ties.
        var units = Enumerable.Range(0, dimension).OrderByDescending(i => variance[i]).ThenBy(i => i).Take(Rows).ToArray();
        var grid = new ImageGrid(2 * Rows, TopK);
        var numbers = new JsonObject();
        var unitPurity = new List<double>();
        var directionPurity = new List<double>();
        for (var r = 0; r < 2 * Rows; r++)
        {
            var isUnit = r < Rows;
            var direction = isUnit ? UnitDirections.Basis(dimension, units[r]) : UnitDirections.RandomDirection(dimension, seed: (ulong)(40 + r));
            var top = UnitDirections.TopImages(features, direction, TopK);
            grid.SetRowTitle(r, isUnit ? $"unit {units[r]}" : $"random v{r - Rows + 1}");
            for (var c = 0; c < TopK; c++)
            {
                grid.Set(r, c, candidates.Images([top[c]]).Reshape(28, 28), labels[top[c]].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            // The share of the top images that carry the most common label among them.
            var purity = top.GroupBy(i => labels[i]).Max(g => g.Count()) / (double)TopK;
            (isUnit ? unitPurity : directionPurity).Add(purity);
        }
        var (file, path) = context.Figure("units-vs-directions.png");
        grid.Save(path);
        numbers["units"] = new JsonArray(units.Select(u => (JsonNode)u).ToArray());
        numbers["unit_label_purity"] = unitPurity.Average();
        numbers["direction_label_purity"] = directionPurity.Average();

        var md = new StringBuilder();
        md.AppendLine(FormattableString.Invariant($"φ is the {dimension}-dimensional output of the zoo's conv net below its softmax layer (trained by its recipe on {context.Train.Count:N0} images). Rows 1–{Rows}: the {TopK} test images (of the first {candidates.Count:N0}) with the largest activation of one unit (the {Rows} units with the largest mean square activation); rows {Rows + 1}–{2 * Rows}: the same for random unit directions v (seeded). Each image is captioned with its label."));
        md.AppendLine();
        md.AppendLine(FormattableString.Invariant($"Share of the top {TopK} images carrying their most common label: units {Cells.Percent(unitPurity.Average())}, random directions {Cells.Percent(directionPurity.Average())}. The paper reports no number; its claim is that random directions are as semantically coherent as units, so the two shares should be alike."));
        md.AppendLine().AppendLine($"![units against random directions]({file})");
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [file], 0, context.Preset.Name);
    }
}
