using System.Text;
using System.Text.Json.Nodes;
using Scratch.Attacks;

namespace Scratch.Reproduce;

/// <summary>
/// Szegedy et al. §4.3 / Table 5: upper bounds on each layer's Lipschitz constant and their product, for our MNIST
/// models (the paper tabulates AlexNet's layers; we have no ImageNet model, so its numbers are quoted for scale only).
/// </summary>
internal sealed class LipschitzTable : IExperiment
{
    private static readonly string[] Models = ["fc100-100-10", "conv", "maxout"];

    public string Name => "szegedy-lipschitz";

    public string Paper => "szegedy";

    public string Title => "§4.3: Lipschitz upper bounds per layer (Table 5)";

    public ExperimentResult Run(ReproduceContext context)
    {
        var md = new StringBuilder();
        md.AppendLine("Each bound is an upper bound on ‖φ(x) − φ(x′)‖₂ / ‖x − x′‖₂ for one layer φ (Linear: ‖W‖₂ by power iteration on WᵀW; Conv2d: the sup over frequencies of the largest singular value of the matrix of kernel DFTs on the padded input grid; pooling and activations: their own constants; see docs/lipschitz.md). The network's bound is the product. The paper's Table 5 is for AlexNet on ImageNet: conv1–5 2.75, 10, 7, 7.5, 11; FC1–3 3.12, 4, 4. Large products with small per-layer factors are the paper's point: the bound allows small input changes to move the output far.");
        var numbers = new JsonObject();
        var summary = new MarkdownTable("model", "product of the layer bounds", "largest layer bound", "all power iterations converged");
        foreach (var name in Models)
        {
            var model = StandardModels.Get(context, name);
            var report = LipschitzBounds.Of(model, [1, 28, 28]);
            summary.AddRow(name, Cells.Number(report.Product, 4), Cells.Number(report.Layers.Max(l => l.Bound), 4), report.AllConverged ? "yes" : "no");
            md.AppendLine().AppendLine($"**{name}** (trained by its recipe under preset {context.Preset.Name}):").AppendLine().AppendLine(report.ToMarkdown());
            numbers[name] = new JsonObject
            {
                ["product"] = Json.Number(report.Product),
                ["layers"] = new JsonArray(report.Layers.Select(l => (JsonNode)new JsonObject { ["name"] = l.Name, ["kind"] = l.Kind, ["bound"] = Json.Number(l.Bound) }).ToArray()),
            };
        }
        md.AppendLine().AppendLine(summary.ToMarkdown());
        return new ExperimentResult(Name, Paper, Title, md.ToString(), numbers, [], 0, context.Preset.Name);
    }
}
