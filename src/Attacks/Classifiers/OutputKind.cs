namespace Scratch.Attacks;

/// <summary>
/// What a classifier's scores mean. The kind defines every probability, and so every confidence an attack
/// reports, and the loss J(θ, x, y) an attack differentiates.
/// </summary>
public enum OutputKind
{
    /// <summary>
    /// Logits [N, C]: p(y = k | x) = softmax(z)_k; the loss is softmax cross-entropy.
    /// </summary>
    Logits,

    /// <summary>
    /// One logit [N, 1] or [N] for two classes: p(y = 1 | x) = σ(z), p(y = 0 | x) = 1 − σ(z); the loss is the
    /// logistic loss ζ(−(2y − 1) z) (Goodfellow et al. 2015, §5: logistic regression on MNIST 3 vs 7).
    /// </summary>
    OneLogit,

    /// <summary>
    /// Independent unit probabilities: score s_k = log p_k, each class's own probability p_k = exp(s_k), not
    /// renormalised (Goodfellow et al. 2015, §7: RBF units p(y = k | x) = exp((x − μ_k)ᵀβ_k(x − μ_k)); a
    /// confidence can then be 1.2%). The prediction is the arg-max; the loss is the units' own likelihood,
    /// −log p_y − Σ_{k≠y} log(1 − p_k) (Losses.UnitProbabilityLoss), the loss such a network is trained with.
    /// </summary>
    UnitProbabilities,
}
