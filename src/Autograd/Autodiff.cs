namespace Scratch.Autograd;

/// <summary>
/// The functional side of the engine: gradients of an output with respect to chosen variables
/// (what an attack needs: ∂loss/∂x without touching any parameter) and the no-grad scope.
/// (Named Autodiff rather than Autograd so that the name does not clash with the namespace.)
/// </summary>
public static class Autodiff
{
    /// <summary>Whether ops record on the tape here (false inside a <see cref="NoGrad"/> scope).</summary>
    public static bool IsGradEnabled => !NoGradScope.IsActive;

    /// <summary>Starts a scope in which nothing is recorded: <c>using (Autodiff.NoGrad()) { ... }</c>.</summary>
    public static NoGradScope NoGrad() => new();

    /// <summary>
    /// The gradients ∂output/∂wrt[i], one tensor per entry of <paramref name="wrt"/> in its shape.
    /// No <see cref="Variable.Grad"/> is read or written; hooks on the nodes passed through do run.
    /// Only the part of the graph that leads to <paramref name="wrt"/> is visited.
    /// </summary>
    /// <param name="output">The value to differentiate, usually a scalar loss.</param>
    /// <param name="wrt">Variables that require a gradient: leaves (an input, a parameter) or intermediate results.</param>
    /// <param name="gradient">The upstream gradient for a non-scalar output (a vector-Jacobian product); 1 for a scalar when omitted.</param>
    /// <param name="retainGraph">Keep the saved tensors so that the graph can be differentiated again.</param>
    /// <param name="allowUnused">
    /// When an entry of <paramref name="wrt"/> does not influence <paramref name="output"/>: true returns
    /// zeros for it (its gradient is zero); false (the default) throws, because asking for such a gradient
    /// is usually a bug (a detached input, a wrong variable).
    /// </param>
    /// <exception cref="InvalidOperationException">A wrt entry does not require a gradient, or is unused and <paramref name="allowUnused"/> is false; the output does not require a gradient or is not a scalar and no gradient was given; the graph was freed.</exception>
    public static Tensor[] Grad(Variable output, IReadOnlyList<Variable> wrt, Tensor? gradient = null, bool retainGraph = false, bool allowUnused = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(wrt);
        for (var i = 0; i < wrt.Count; i++)
        {
            if (wrt[i].Node is null)
            {
                throw new InvalidOperationException($"Grad: wrt[{i}] ({Describe(wrt[i])}) does not require a gradient; create it with requiresGrad: true");
            }
        }
        var targets = new Node[wrt.Count];
        for (var i = 0; i < wrt.Count; i++)
        {
            targets[i] = wrt[i].Node!;
        }
        var found = Backprop.Run(output, gradient, targets, accumulateIntoLeaves: false, retainGraph, "Grad")!;
        var grads = new Tensor[wrt.Count];
        for (var i = 0; i < wrt.Count; i++)
        {
            grads[i] = found[i] ?? (allowUnused
                ? Tensor.ZerosLike(wrt[i].Data)
                : throw new InvalidOperationException($"Grad: the output does not depend on wrt[{i}] ({Describe(wrt[i])}); pass allowUnused: true to get zeros for it"));
        }
        return grads;
    }

    /// <summary>The gradient ∂output/∂wrt; see <see cref="Grad(Variable, IReadOnlyList{Variable}, Tensor?, bool, bool)"/>.</summary>
    public static Tensor Grad(Variable output, Variable wrt, Tensor? gradient = null, bool retainGraph = false, bool allowUnused = false) =>
        Grad(output, [wrt], gradient, retainGraph, allowUnused)[0];

    private static string Describe(Variable v) => v.Name is null ? $"shape {v.Shape}" : $"'{v.Name}', shape {v.Shape}";
}
