using Scratch.Optim;

namespace Scratch.Attacks;

/// <summary>The work an attack did on one example.</summary>
/// <param name="Gradients">Forward-and-backward evaluations of the loss gradient w.r.t. x.</param>
/// <param name="Iterations">Iterations (steps of an iterative attack; L-BFGS-B iterations summed over the c-search).</param>
/// <param name="C">Szegedy's attack: the penalty weight c of the returned example (null for other attacks).</param>
/// <param name="StopReason">Szegedy's attack: why L-BFGS-B stopped on the returned example's run (null for other attacks).</param>
public readonly record struct AttackWork(int Gradients, int Iterations, double? C = null, LbfgsbStopReason? StopReason = null);
