namespace Scratch.Autograd;

/// <summary>
/// Reverse-mode differentiation over the tape: sort the nodes topologically, then walk them from the
/// output back to the leaves, handing each node's gradient to its op's backward functions and adding
/// the results into its inputs' gradients (Griewank &amp; Walther 2008, ch. 3; micrograd's backward()).
/// Every per-node fact of one pass (needed, target, gradient so far) sits in an array indexed by the node's
/// position in the order, so a pass costs one hash lookup per edge while sorting and none while walking.
/// </summary>
internal static class Backprop
{
    /// <summary>
    /// Backpropagates <paramref name="gradient"/> (1 for a scalar when null) from <paramref name="output"/>.
    /// With <paramref name="targets"/> only the nodes from which a target is reachable are visited, and the
    /// result holds each target's gradient (null for a target the output does not depend on); otherwise every
    /// node is visited and the result is null.
    /// </summary>
    public static Tensor?[]? Run(Variable output, Tensor? gradient, IReadOnlyList<Node>? targets, bool accumulateIntoLeaves, bool retainGraph, string caller)
    {
        var root = output.Node ?? throw new InvalidOperationException(
            $"{caller}: the output (shape {output.Shape}) does not require a gradient: no input of its computation requires one, or it was computed under Autodiff.NoGrad() or detached");
        var seed = Seed(output, gradient, caller);
        var workspace = SortWorkspace.Rent();
        try
        {
            return Walk(root, seed, workspace.Sort(root), targets, accumulateIntoLeaves, retainGraph, caller);
        }
        finally
        {
            workspace.Return();
        }
    }

    private static Tensor?[]? Walk(Node root, Tensor seed, (List<Node> Order, Dictionary<Node, int> Position) sorted,
        IReadOnlyList<Node>? targets, bool accumulateIntoLeaves, bool retainGraph, string caller)
    {
        var (order, position) = sorted;
        var targetAt = targets is null ? null : TargetPositions(targets, position);
        var isTarget = targetAt is null ? null : Marks(order.Count, targetAt);
        var needed = isTarget is null ? null : Reaching(order, position, isTarget);
        for (var i = 0; i < order.Count; i++)
        {
            var node = order[i];
            if (node.IsReleased && (needed is null || needed[i]))
            {
                throw new InvalidOperationException(
                    $"{caller}: the graph through '{node.Op}' (output {node.Shape}) was freed by an earlier backward; pass retainGraph: true to the first call to backpropagate twice");
            }
        }
        var store = new GradStore(order.Count);
        store.Accumulate(order.Count - 1, root, seed, caller);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if ((needed is not null && !needed[i]) || store.Get(i) is not { } grad)
            {
                continue;
            }
            node.RunHooks(grad);
            if (isTarget is null || !isTarget[i])
            {
                store.Remove(i);
            }
            if (node.Leaf is { } leaf && accumulateIntoLeaves)
            {
                leaf.AccumulateGrad(grad);
            }
            for (var k = 0; k < node.Inputs.Length; k++)
            {
                if (node.Inputs[k].Node is { } input)
                {
                    var at = position[input];
                    if (needed is null || needed[at])
                    {
                        store.Accumulate(at, input, node.BackwardFor(k, grad), node.Op);
                    }
                }
            }
            if (!retainGraph && !node.IsLeaf)
            {
                node.Release();
            }
        }
        if (targetAt is null)
        {
            return null;
        }
        var result = new Tensor?[targetAt.Length];
        for (var t = 0; t < targetAt.Length; t++)
        {
            result[t] = targetAt[t] < 0 ? null : store.Get(targetAt[t]);
        }
        return result;
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
    internal static List<Node> TopologicalOrder(Node root) => new SortWorkspace().Sort(root).Order;

    /// <summary>
    /// The collections of a topological sort, kept per thread between backward passes so that a pass over a small
    /// graph (an attack's evaluation, thousands per run) does not allocate and grow them again. A nested pass (a hook
    /// that backpropagates) finds none kept and makes its own; <see cref="Return"/> clears every reference to the graph,
    /// and the collections of a graph larger than <see cref="KeptNodes"/> are left to the collector instead of kept.
    /// </summary>
    private sealed class SortWorkspace
    {
        private const int KeptNodes = 4096;

        [ThreadStatic]
        private static SortWorkspace? t_kept;

        private readonly List<Node> _order = [];
        // A node is in the map from its discovery on; its position is set once all of its inputs are placed.
        private readonly Dictionary<Node, int> _position = new(NodeIdentity.Instance);
        private readonly Stack<(Node Node, int NextInput)> _stack = new();

        public static SortWorkspace Rent()
        {
            var kept = t_kept ?? new SortWorkspace();
            t_kept = null;
            return kept;
        }

        public void Return()
        {
            if (_order.Count > KeptNodes)
            {
                return;
            }
            _order.Clear();
            _position.Clear();
            _stack.Clear();
            t_kept = this;
        }

        /// <summary>The topological order from <paramref name="root"/> (the root last) and each node's position in it.</summary>
        public (List<Node> Order, Dictionary<Node, int> Position) Sort(Node root)
        {
            _position[root] = -1;
            _stack.Push((root, 0));
            while (_stack.Count > 0)
            {
                var (node, next) = _stack.Pop();
                if (next == node.Inputs.Length)
                {
                    _position[node] = _order.Count;
                    _order.Add(node);
                    continue;
                }
                _stack.Push((node, next + 1));
                if (node.Inputs[next].Node is { } input && _position.TryAdd(input, -1))
                {
                    _stack.Push((input, 0));
                }
            }
            return (_order, _position);
        }
    }

    /// <summary>Each target's position in the order, or −1 for a target that is not in the graph.</summary>
    private static int[] TargetPositions(IReadOnlyList<Node> targets, Dictionary<Node, int> position)
    {
        var at = new int[targets.Count];
        for (var t = 0; t < at.Length; t++)
        {
            at[t] = position.GetValueOrDefault(targets[t], -1);
        }
        return at;
    }

    /// <summary>A flag per node of the order, set at the given positions (−1 marks nothing).</summary>
    private static bool[] Marks(int count, int[] positions)
    {
        var marks = new bool[count];
        foreach (var at in positions)
        {
            if (at >= 0)
            {
                marks[at] = true;
            }
        }
        return marks;
    }

    /// <summary>Whether some target can be reached from each node of <paramref name="order"/> (true for the targets themselves).</summary>
    private static bool[] Reaching(List<Node> order, Dictionary<Node, int> position, bool[] isTarget)
    {
        var reaching = (bool[])isTarget.Clone();
        // Inputs come before their node in the order, so one forward sweep settles every node.
        for (var i = 0; i < order.Count; i++)
        {
            foreach (var input in order[i].Inputs)
            {
                if (!reaching[i] && input.Node is { } node && reaching[position[node]])
                {
                    reaching[i] = true;
                }
            }
        }
        return reaching;
    }
}
