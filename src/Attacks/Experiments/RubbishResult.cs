namespace Scratch.Attacks;

/// <summary>The rubbish-class probe's outcome (Goodfellow et al. 2015, §8).</summary>
/// <param name="Examples">How many N(0, I) inputs were fed.</param>
/// <param name="ErrorRate">The share given some class with p &gt; 0.5 (the paper's error).</param>
/// <param name="MeanConfidenceOnErrors">The mean top probability over those inputs (NaN when there are none).</param>
/// <param name="MeanTopProbability">The mean top probability over all inputs.</param>
public sealed record RubbishResult(int Examples, double ErrorRate, double MeanConfidenceOnErrors, double MeanTopProbability);
