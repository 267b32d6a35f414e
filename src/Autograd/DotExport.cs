using System.Text;

namespace Scratch.Autograd;

/// <summary>
/// Writes the tape behind a variable in Graphviz DOT (render with <c>dot -Tsvg graph.dot</c>): leaves
/// that require a gradient are ellipses, ops are boxes labelled with op, shape and dtype, constants
/// are grey notes, and edges run from inputs to the ops that use them (the direction of the forward pass;
/// gradients flow against the arrows).
/// </summary>
public static class DotExport
{
    /// <summary>The DOT text of the computation that produced <paramref name="output"/>.</summary>
    public static string ToDot(Variable output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sb = new StringBuilder("digraph tape {\n  rankdir=LR;\n  node [fontname=\"monospace\"];\n");
        if (output.Node is null)
        {
            sb.Append($"  c [shape=note, style=filled, fillcolor=lightgrey, label=\"const {output.Shape} {output.DType.Name()}\"];\n");
            return sb.Append("}\n").ToString();
        }
        var order = Backprop.TopologicalOrder(output.Node);
        var ids = order.Select((node, i) => (node, i)).ToDictionary(p => p.node, p => p.i);
        var constants = 0;
        foreach (var node in order)
        {
            var id = ids[node];
            var shape = node.IsLeaf ? "ellipse, style=filled, fillcolor=lightblue" : "box";
            var title = node.IsLeaf ? node.Name ?? "leaf" : node.Name is null ? node.Op : $"{node.Name} = {node.Op}";
            sb.Append($"  n{id} [shape={shape}, label=\"%{id} {Escape(title)}\\n{node.Shape} {node.DType.Name()}\"];\n");
            foreach (var input in node.Inputs)
            {
                if (input.Node is { } parent)
                {
                    sb.Append($"  n{ids[parent]} -> n{id};\n");
                    continue;
                }
                var c = constants++;
                sb.Append($"  c{c} [shape=note, style=filled, fillcolor=lightgrey, label=\"{Escape(GraphPrinter.Constant(input))}\"];\n");
                sb.Append($"  c{c} -> n{id};\n");
            }
        }
        return sb.Append("}\n").ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
