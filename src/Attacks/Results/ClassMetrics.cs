namespace Scratch.Attacks;

/// <summary>The measures of <see cref="AttackMetrics"/> for the examples of one true class.</summary>
/// <param name="Label">The class.</param>
/// <param name="Examples">How many examples have this label.</param>
/// <param name="CleanAccuracy">Their accuracy before the attack.</param>
/// <param name="ErrorRate">Their error after the attack.</param>
/// <param name="SuccessRate">The attack's success among those correct before it.</param>
/// <param name="MeanDistortion">The mean distortion of the successful ones.</param>
public sealed record ClassMetrics(int Label, int Examples, double CleanAccuracy, double ErrorRate, double SuccessRate, double MeanDistortion);
