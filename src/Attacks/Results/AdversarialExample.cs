namespace Scratch.Attacks;

/// <summary>
/// One example of an attack's result. Every field after <see cref="Target"/> is measured by feeding the
/// returned x′ (clipped to the classifier's box) to the classifier again, never taken from the attack's
/// own bookkeeping.
/// </summary>
/// <param name="Label">The true label.</param>
/// <param name="Target">The class the attack aimed for, or −1 for an untargeted attack.</param>
/// <param name="CleanPrediction">The prediction on x.</param>
/// <param name="CleanConfidence">The probability of <paramref name="CleanPrediction"/> on x (by the output kind).</param>
/// <param name="Prediction">The prediction on x′.</param>
/// <param name="Confidence">The probability of <paramref name="Prediction"/> on x′ (by the output kind).</param>
/// <param name="Success">Untargeted: x′ is misclassified; targeted: x′ is classified as the target.</param>
/// <param name="Size">The norms of x′ − x.</param>
/// <param name="Work">The work done.</param>
public readonly record struct AdversarialExample(
    int Label, int Target, int CleanPrediction, double CleanConfidence,
    int Prediction, double Confidence, bool Success, PerturbationSize Size, AttackWork Work)
{
    /// <summary>Whether the attack aimed for a class.</summary>
    public bool IsTargeted => Target >= 0;

    /// <summary>Whether the classifier was right on x.</summary>
    public bool CleanCorrect => CleanPrediction == Label;

    /// <summary>Whether the classifier is wrong on x′.</summary>
    public bool Misclassified => Prediction != Label;
}
