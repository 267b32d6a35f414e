using System.Text;

namespace Scratch.Autograd;

/// <summary>
/// Prints the tape behind a variable as text, one node per line, inputs before the ops that use them:
/// <code>
/// %0 = leaf x                 [1, 4] float64  requires_grad
/// %1 = leaf W                 [4, 3] float64  requires_grad
/// %2 = matmul(%0, %1)         [1, 3] float64
/// %3 = add(%2, const b [3])   [1, 3] float64
/// </code>
/// An input written %k requires a gradient (it is node k); one written const does not (a constant,
/// a detached value, labels). A node whose saved tensors were released by a backward is marked freed.
/// </summary>
public static class GraphPrinter
{
    /// <summary>The graph of the computation that produced <paramref name="output"/>.</summary>
    public static string Print(Variable output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Node is null)
        {
            return $"const {output.Shape} {output.DType.Name()} on {output.Device}: no graph (nothing requires a gradient)\n";
        }
        var order = Backprop.TopologicalOrder(output.Node);
        var ids = order.Select((node, i) => (node, i)).ToDictionary(p => p.node, p => p.i);
        var lines = order.Select(node => ($"%{ids[node]} = {Expression(node, ids)}", Suffix(node))).ToList();
        var width = lines.Max(l => l.Item1.Length) + 2;
        var sb = new StringBuilder();
        sb.Append($"graph of {order.Count} nodes on {output.Device}, output %{order.Count - 1}\n");
        foreach (var (expression, suffix) in lines)
        {
            sb.Append(expression.PadRight(width)).Append(suffix).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>"leaf x", "matmul(%0, %1)" or "add(%2, const b [3])".</summary>
    internal static string Expression(Node node, IReadOnlyDictionary<Node, int> ids)
    {
        if (node.IsLeaf)
        {
            return node.Name is null ? "leaf" : $"leaf {node.Name}";
        }
        var args = node.Inputs.Select(input => input.Node is { } n ? $"%{ids[n]}" : Constant(input));
        var call = $"{node.Op}({string.Join(", ", args)})";
        return node.Name is null ? call : $"{call} as {node.Name}";
    }

    /// <summary>"const b [3]"; a scalar constant is printed by its value.</summary>
    internal static string Constant(NodeInput input) =>
        input.Shape.Rank == 0 && input.Name is not null ? input.Name : $"const {(input.Name is null ? "" : input.Name + " ")}{input.Shape}";

    private static string Suffix(Node node) =>
        $"{node.Shape} {node.DType.Name()}{(node.IsLeaf ? "  requires_grad" : "")}{(node.IsReleased ? "  (freed)" : "")}";
}
