namespace Scratch.Attacks;

/// <summary>
/// The fast gradient sign method (Goodfellow, Shlens &amp; Szegedy 2015, eq. 6): η = ε·sign(∇ₓJ(θ, x, y)), one
/// gradient per batch. Untargeted, x′ = x + η raises the loss of the true label; targeted, x′ = x − ε·sign(∇ₓJ(θ, x, t))
/// lowers the loss of the target t. x′ is clipped to the classifier's box (the paper does not say; libraries
/// clip). sign(0) = 0. A list of ε reuses the one gradient and gives one result per ε (foolbox's epsilons=[...]).
/// </summary>
public static class Fgsm
{
    /// <summary>Attacks a batch at one budget.</summary>
    /// <param name="classifier">The attacked classifier.</param>
    /// <param name="x">A batch inside the classifier's box.</param>
    /// <param name="labels">True labels, int32 [N].</param>
    /// <param name="epsilon">ε ≥ 0, the L∞ budget.</param>
    /// <param name="target">Whom to aim for; null: untargeted.</param>
    /// <param name="firstIndex">The position of x's first example in its split (for seeded random targets).</param>
    /// <exception cref="ArgumentException">An input is out of its range; the message names it.</exception>
    public static AttackResult Run(Classifier classifier, Tensor x, Tensor labels, double epsilon, TargetPolicy? target = null, long firstIndex = 0) =>
        Run(classifier, x, labels, [epsilon], target, firstIndex)[0];

    /// <summary>Attacks a batch at every budget of <paramref name="epsilons"/> from one gradient; one result per ε, in order.</summary>
    /// <exception cref="ArgumentException">An input is out of its range; the message names it.</exception>
    public static IReadOnlyList<AttackResult> Run(Classifier classifier, Tensor x, Tensor labels, IReadOnlyList<double> epsilons,
        TargetPolicy? target = null, long firstIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(epsilons);
        var y = AttackInputs.Check("fgsm", classifier, x, labels);
        if (epsilons.Count == 0)
        {
            throw new ArgumentException("fgsm: no epsilon given; expected at least one", nameof(epsilons));
        }
        foreach (var e in epsilons)
        {
            AttackInputs.CheckEpsilon("fgsm", e);
        }
        var policy = target ?? TargetPolicy.Untargeted;
        // Everything but the adversarial batches handed back (the clean forward, the gradient's forward and backward,
        // x + η, the scores of x′) is recycled when the attack returns.
        using var scope = DeviceScope.Begin();
        void CheckClasses(Tensor scores) => AttackInputs.CheckClasses("fgsm", y, classifier.ClassCount(scores));
        Tensor cleanScores;
        Tensor? gradient = null;
        if (policy == TargetPolicy.Untargeted)
        {
            // One forward gives both the clean scores and ∇ₓJ(θ, x, y).
            (gradient, cleanScores) = classifier.LossGradientAndScores(x, labels, CheckClasses);
        }
        else
        {
            cleanScores = classifier.Scores(x);
            CheckClasses(cleanScores);
        }
        var cleanProbabilities = classifier.Probabilities(cleanScores);
        AttackResult[] results;
        if (policy == TargetPolicy.AllOthers)
        {
            results = new AttackResult[epsilons.Count];
            for (var k = 0; k < epsilons.Count; k++)
            {
                var epsilon = epsilons[k];
                results[k] = TargetExpansion.Run(policy, y, cleanProbabilities, firstIndex,
                    targets => Attack(classifier, x, cleanScores, labels, targets, [epsilon], null)[0]);
            }
        }
        else
        {
            results = Attack(classifier, x, cleanScores, labels, policy.Resolve(y, cleanProbabilities, firstIndex), epsilons, gradient);
        }
        foreach (var result in results)
        {
            scope.Keep(result.Adversarial);
        }
        return results;
    }

    // gradient: ∇ₓJ(θ, x, y) when the caller already has it (untargeted only), else null.
    private static AttackResult[] Attack(Classifier classifier, Tensor x, Tensor cleanScores, Tensor labels, int[] targets,
        IReadOnlyList<double> epsilons, Tensor? gradient)
    {
        var targeted = targets.Length > 0 && targets[0] >= 0;
        // Untargeted: ascend J(x, y); targeted: descend J(x, t).
        var aim = targeted ? Tensor.FromArray(targets).To(labels.Device) : labels;
        var grad = gradient ?? classifier.LossGradient(x, aim);
        var work = Enumerable.Repeat(new AttackWork(1, 1), targets.Length).ToArray();
        var results = new AttackResult[epsilons.Count];
        for (var k = 0; k < epsilons.Count; k++)
        {
            // x + η, η = ε·sign(∇ₓJ) (eq. 6), clipped to the box: one pass over x and the gradient.
            var adversarial = x.AddSignStep(grad, targeted ? -epsilons[k] : epsilons[k], classifier.LowerBound, classifier.UpperBound);
            results[k] = AttackResult.Evaluate("fgsm", classifier, x, cleanScores, adversarial, labels, targets, work, epsilons[k], insideBox: true);
        }
        return results;
    }
}
