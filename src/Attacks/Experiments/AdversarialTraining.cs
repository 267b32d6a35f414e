using Scratch.Autograd;
using Scratch.Nn;

namespace Scratch.Attacks;

/// <summary>
/// Training objectives that defend against FGSM (Goodfellow, Shlens &amp; Szegedy 2015, §5–6), each a loss of the live
/// model on a batch that a training step can minimise. x′ is made through the classifier view of the same module
/// (evaluation mode, frozen weights) from its current weights, every step, so no gradient flows through x′.
/// </summary>
public static class AdversarialTraining
{
    /// <summary>
    /// Eq. 8: J̃(θ, x, y) = α·J(θ, x, y) + (1 − α)·J(θ, x + ε·sign(∇ₓJ(θ, x, y)), y), with x′ clipped to the view's box.
    /// </summary>
    /// <param name="model">The live model (in training mode: dropout applies to both terms).</param>
    /// <param name="view">The classifier view of <paramref name="model"/>; it defines J and makes x′.</param>
    /// <param name="x">The clean batch.</param>
    /// <param name="labels">Its labels.</param>
    /// <param name="epsilon">ε (the paper: 0.25).</param>
    /// <param name="alpha">α (the paper: 0.5).</param>
    public static Variable GoodfellowLoss(Module model, Classifier view, Tensor x, Tensor labels, double epsilon, double alpha = 0.5)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(x);
        CheckAlpha(alpha);
        AttackInputs.CheckEpsilon("adversarial training", epsilon);
        // x′ = x + ε·sign(∇ₓJ(θ, x, y)) (eq. 6), from the current weights, clipped to the box in the same pass.
        var adversarial = x.AddSignStep(view.LossGradient(x, labels), epsilon, view.LowerBound, view.UpperBound);
        return Mixed(model, view, x, adversarial, labels, alpha);
    }

    /// <summary>
    /// The noise controls of §6: the same mixture with x′ = x + ε·s, s a fresh random sign per pixel (±ε noise), or
    /// x′ = x + u, u ~ U(−ε, ε) per pixel; clipped to the view's box. Draws come from <paramref name="generator"/>.
    /// </summary>
    public static Variable NoiseLoss(Module model, Classifier view, Tensor x, Tensor labels, double epsilon, TrainingNoise noise,
        Generator generator, double alpha = 0.5)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(generator);
        CheckAlpha(alpha);
        AttackInputs.CheckEpsilon("noise training", epsilon);
        var u = Tensor.Rand(x.Shape, generator, x.DType, x.Device) * 2.0 - 1.0;
        var perturbation = noise switch
        {
            TrainingNoise.Sign => u.Sign() * epsilon,
            TrainingNoise.Uniform => u * epsilon,
            _ => throw new ArgumentOutOfRangeException(nameof(noise), noise, "expected Sign or Uniform"),
        };
        return Mixed(model, view, x, (x + perturbation).Clamp(view.LowerBound, view.UpperBound), labels, alpha);
    }

    /// <summary>
    /// Logistic regression's adversarial loss (§5): FGSM on a linear model has the closed form
    /// ζ(ε‖w‖₁ − y(wᵀx + b)) with ζ the softplus and y ∈ {−1, +1}, averaged over the batch. (The paper prints
    /// ζ(y(ε‖w‖₁ − wᵀx − b)), right only for y = +1.) No clipping to the box: the closed form assumes none.
    /// </summary>
    /// <param name="logit">z = wᵀx + b, shape [N] or [N, 1].</param>
    /// <param name="weight">w, any shape (its L1 norm is taken).</param>
    /// <param name="labels01">Labels in {0, 1}, shape [N].</param>
    /// <param name="epsilon">ε.</param>
    public static Variable LogisticAdversarialLoss(Variable logit, Variable weight, Tensor labels01, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(logit);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(labels01);
        AttackInputs.CheckEpsilon("logistic adversarial loss", epsilon);
        var z = logit.Rank == 2 && logit.Shape[1] == 1 ? logit.Squeeze(1) : logit;
        if (z.Rank != 1 || labels01.Shape != z.Shape)
        {
            throw new ArgumentException($"logistic adversarial loss: logit {logit.Shape} and labels {labels01.Shape}; expected [N] or [N, 1] and [N]", nameof(labels01));
        }
        var y = new Variable(labels01.To(z.DType).To(z.Device) * 2.0 - 1.0);
        // ζ(ε‖w‖₁ − y·z), ζ(t) = log(1 + eᵗ).
        return (weight.Abs().Sum() * epsilon - y * z).Softplus().Mean();
    }

    // α·J(θ, x, y) + (1 − α)·J(θ, x′, y) on the live model.
    private static Variable Mixed(Module model, Classifier view, Tensor x, Tensor adversarial, Tensor labels, double alpha)
    {
        ArgumentNullException.ThrowIfNull(model);
        var clean = view.Loss(model.Forward(new Variable(x)), labels);
        var perturbed = view.Loss(model.Forward(new Variable(adversarial)), labels);
        return clean * alpha + perturbed * (1 - alpha);
    }

    private static void CheckAlpha(double alpha)
    {
        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "adversarial training: α must be in [0, 1]");
        }
    }
}
