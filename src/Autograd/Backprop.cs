namespace Scratch.Autograd;

/// <summary>
/// Reverse-mode differentiation over the tape: sort the nodes topologically, then walk them from the
/// output back to the leaves, handing each node's gradient to its op's backward functions and adding
/// the results into its inputs' gradients (Griewank &amp; Walther 2008, ch. 3; micrograd's backward()).
/// </summary>
internal static class Backprop
{
    /// <summary>
    /// Backpropagates <paramref name="gradient"/> (1 for a scalar when null) from <paramref name="output"/>.
    /// With <paramref name="targets"/> only the nodes from which a target is reachable are visited and
    /// the targets' gradients are kept in the returned store; otherwise every node is visited.
    /// </summary>
    public static GradStore Run(Variable output, Tensor? gradient, IReadOnlySet<Node>? targets, bool accumulateIntoLeaves, bool retainGraph, string caller)
    {
        var root = output.Node ?? throw new InvalidOperationException(
            $"{caller}: the output (shape {output.Shape}) does not require a gradient: no input of its computation requires one, or it was computed under Autodiff.NoGrad() or detached");
        var seed = Seed(output, gradient, caller);
        var order = TopologicalOrder(root);
        var needed = targets is null ? null : Reaching(order, targets);
        foreach (var node in order)
        {
            if (node.IsReleased && (needed is null || needed.Contains(node)))
            {
                throw new InvalidOperationException(
                    $"{caller}: the graph through '{node.Op}' (output {node.Shape}) was freed by an earlier backward; pass retainGraph: true to the first call to backpropagate twice");
            }
        }
        var store = new GradStore();
        store.Accumulate(root, seed, caller);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if ((needed is not null && !needed.Contains(node)) || store.Get(node) is not { } grad)
            {
                continue;
            }
            node.RunHooks(grad);
            if (targets is null || !targets.Contains(node))
            {
                store.Remove(node);
            }
            if (node.Leaf is { } leaf && accumulateIntoLeaves)
            {
                leaf.AccumulateGrad(grad);
            }
            for (var k = 0; k < node.Inputs.Length; k++)
            {
                if (node.Inputs[k].Node is { } input && (needed is null || needed.Contains(input)))
                {
                    store.Accumulate(input, node.BackwardFor(k, grad), node.Op);
                }
            }
            if (!retainGraph && !node.IsLeaf)
            {
                node.Release();
            }
        }
        return store;
    }

    private static Tensor Seed(Variable output, Tensor? gradient, string caller)
    {
        if (gradient is null)
        {
            return output.Shape.ElementCount == 1
                ? Tensor.OnesLike(output.Data)
                : throw new InvalidOperationException(
                    $"{caller}: the output has shape {output.Shape}; an implicit gradient of 1 exists only for a one-element output (a loss). Pass gradient: a tensor of shape {output.Shape}");
        }
        if (gradient.Shape != output.Shape || gradient.DType != output.DType || gradient.Device != output.Device)
        {
            throw new ArgumentException(
                $"{caller}: the gradient ({gradient.Shape} {gradient.DType.Name()} on {gradient.Device}) must match the output ({output.Shape} {output.DType.Name()} on {output.Device})", nameof(gradient));
        }
        return gradient;
    }

    /// <summary>Every node reachable from <paramref name="root"/>, each after all of its inputs (iterative depth-first post-order).</summary>
    internal static List<Node> TopologicalOrder(Node root)
    {
        var order = new List<Node>();
        var visited = new HashSet<Node> { root };
        var stack = new Stack<(Node Node, int NextInput)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next == node.Inputs.Length)
            {
                order.Add(node);
                continue;
            }
            stack.Push((node, next + 1));
            if (node.Inputs[next].Node is { } input && visited.Add(input))
            {
                stack.Push((input, 0));
            }
        }
        return order;
    }

    /// <summary>The nodes of <paramref name="order"/> from which some target can be reached (the targets included).</summary>
    private static HashSet<Node> Reaching(List<Node> order, IReadOnlySet<Node> targets)
    {
        var reaching = new HashSet<Node>();
        foreach (var node in order)
        {
            if (targets.Contains(node) || node.Inputs.Any(i => i.Node is { } input && reaching.Contains(input)))
            {
                reaching.Add(node);
            }
        }
        return reaching;
    }
}
