namespace Scratch.Attacks;

/// <summary>The norm that measures an iterative attack's budget ε.</summary>
public enum PerturbationNorm
{
    /// <summary>‖r‖∞ ≤ ε: steps along sign(∇ₓJ), projection by clipping each pixel.</summary>
    Linf,

    /// <summary>‖r‖₂ ≤ ε: steps along ∇ₓJ / ‖∇ₓJ‖₂, projection by rescaling r.</summary>
    L2,
}
