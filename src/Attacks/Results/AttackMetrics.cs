namespace Scratch.Attacks;

/// <summary>
/// Both papers' measures over a batch of attacked examples; every fraction is in [0, 1] and every figure is
/// computed from the re-predicted records.
/// </summary>
/// <param name="Examples">n, the number of examples.</param>
/// <param name="CleanAccuracy">The share of the n examples classified correctly before the attack.</param>
/// <param name="ErrorRate">The share of all n examples misclassified after the attack, clean mistakes included (Goodfellow et al.'s measure).</param>
/// <param name="SuccessRate">Of the examples classified correctly before the attack, the share the attack changed as asked (to any wrong class, or to its target).</param>
/// <param name="MeanConfidence">The mean probability of the predicted class on x′, over all n.</param>
/// <param name="MeanConfidenceOnMistakes">The same over the examples misclassified after the attack (NaN when there are none).</param>
/// <param name="MeanDistortion">Szegedy's distortion √(Σr²/n) averaged over the successful examples (NaN when none succeeded).</param>
/// <param name="DistortionInterval95">The half-width of the normal 95% interval of <paramref name="MeanDistortion"/>, 1.96·s/√k (NaN for fewer than 2 successes).</param>
/// <param name="MeanL2">‖r‖₂ averaged over the successful examples.</param>
/// <param name="MeanLinf">‖r‖∞ averaged over the successful examples.</param>
/// <param name="MeanGradients">Gradient evaluations per example.</param>
/// <param name="PerClass">The same rates per true class, in class order (classes that occur only).</param>
public sealed record AttackMetrics(
    int Examples, double CleanAccuracy, double ErrorRate, double SuccessRate, double MeanConfidence,
    double MeanConfidenceOnMistakes, double MeanDistortion, double DistortionInterval95, double MeanL2, double MeanLinf,
    double MeanGradients, IReadOnlyList<ClassMetrics> PerClass)
{
    /// <summary>Computes the measures over <paramref name="examples"/>.</summary>
    public static AttackMetrics Of(IReadOnlyList<AdversarialExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var perClass = examples.GroupBy(e => e.Label).OrderBy(g => g.Key)
            .Select(g => new ClassMetrics(g.Key, g.Count(), Share(g, e => e.CleanCorrect), Share(g, e => e.Misclassified),
                SuccessShare(g.ToArray()), Mean(g.Where(e => e.Success).Select(e => e.Size.Distortion))))
            .ToArray();
        var distortions = examples.Where(e => e.Success).Select(e => e.Size.Distortion).ToArray();
        return new AttackMetrics(
            examples.Count,
            Share(examples, e => e.CleanCorrect),
            Share(examples, e => e.Misclassified),
            SuccessShare(examples),
            Mean(examples.Select(e => e.Confidence)),
            Mean(examples.Where(e => e.Misclassified).Select(e => e.Confidence)),
            Mean(distortions),
            Interval95(distortions),
            Mean(examples.Where(e => e.Success).Select(e => e.Size.L2)),
            Mean(examples.Where(e => e.Success).Select(e => e.Size.Linf)),
            Mean(examples.Select(e => (double)e.Work.Gradients)),
            perClass);
    }

    private static double SuccessShare(IReadOnlyCollection<AdversarialExample> examples) =>
        Share(examples.Where(e => e.CleanCorrect).ToArray(), e => e.Success);

    private static double Share(IEnumerable<AdversarialExample> examples, Func<AdversarialExample, bool> predicate)
    {
        var list = examples as IReadOnlyCollection<AdversarialExample> ?? examples.ToArray();
        return list.Count == 0 ? double.NaN : list.Count(predicate) / (double)list.Count;
    }

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToArray();
        return list.Length == 0 ? double.NaN : list.Average();
    }

    private static double Interval95(double[] values)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return 1.96 * Math.Sqrt(variance / values.Length);
    }
}
