using System.Globalization;

namespace Scratch.Nn.Training;

/// <summary>
/// When a training run counts as diverged. The objective of a step is the data loss plus the weight
/// penalty; the run has diverged when that objective or the data loss is NaN or infinite, or when the
/// objective exceeds both <see cref="AbsoluteLimit"/> and <see cref="GrowthFactor"/> times the
/// objective of the trainer's first step (the loss at the start of training). The defaults, 10⁴ × the
/// start and 10³ absolute, catch runs that blow up without overflowing (losses of 10¹⁷–10³⁰ at a huge
/// learning rate) while leaving every sane run alone: a cross-entropy of 10³ means logits 10³ apart on
/// the wrong side. The reference is the first step rather than the first epoch's mean because a run
/// that explodes within its first epoch would inflate that mean and never be caught.
/// </summary>
/// <param name="GrowthFactor">The objective may grow to this multiple of the first step's (default 1e4).</param>
/// <param name="AbsoluteLimit">…and must also exceed this value to count as diverged (default 1e3).</param>
public sealed record DivergenceRule(double GrowthFactor = 1e4, double AbsoluteLimit = 1e3)
{
    /// <summary>The default rule: 10⁴ × the first step's objective and above 10³.</summary>
    public static DivergenceRule Default { get; } = new();

    /// <summary>Checks both thresholds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is not a finite number &gt; 0.</exception>
    public void Validate()
    {
        if (!(double.IsFinite(GrowthFactor) && GrowthFactor > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(GrowthFactor), GrowthFactor, $"divergence growth factor = {Format(GrowthFactor)}; expected a finite number > 0");
        }
        if (!(double.IsFinite(AbsoluteLimit) && AbsoluteLimit > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(AbsoluteLimit), AbsoluteLimit, $"divergence absolute limit = {Format(AbsoluteLimit)}; expected a finite number > 0");
        }
    }

    /// <summary>Whether a step with data loss <paramref name="loss"/> and objective <paramref name="objective"/> has diverged, given the first step's objective.</summary>
    public bool HasDiverged(double loss, double objective, double start) =>
        !double.IsFinite(loss) || !double.IsFinite(objective) || HasGrown(objective, start);

    /// <summary>Whether a finite objective has grown past both thresholds.</summary>
    public bool HasGrown(double objective, double start) =>
        objective > AbsoluteLimit && objective > GrowthFactor * Math.Abs(start);

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
