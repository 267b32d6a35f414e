using Scratch.Attacks;
using Scratch.Data.Sets;

namespace Scratch.Reproduce;

/// <summary>Szegedy's box-constrained L-BFGS attack over a sample, as the Szegedy experiments run it.</summary>
public static class SzegedyAttacks
{
    /// <summary>The attack's settings under the preset: random targets from <paramref name="seed"/>, the preset's bisection steps, the rest as <see cref="LbfgsAttackOptions"/>'s defaults.</summary>
    public static LbfgsAttackOptions Options(ReproduceContext context, ulong seed) =>
        new() { Target = TargetPolicy.Random(seed), BisectionSteps = context.Preset.CSearchSteps };

    /// <summary>Attacks every example of <paramref name="sample"/> toward a seeded random class, 100 at a time in lockstep.</summary>
    public static AttackResult MinimumDistortion(ReproduceContext context, Classifier classifier, ImageDataset sample, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sample);
        var options = Options(context, seed);
        return AttackRunner.InBatches(sample.Images().To(context.Device), sample.LabelTensor().To(context.Device), 100,
            (x, y, first) => [LbfgsAttack.Run(classifier, x, y, options, first)])[0];
    }

    /// <summary>"c from 1, ×10 until the outcome flips, 5 bisections in log c, L-BFGS-B m = 10, ≤ 100 iterations, random targets (seed S)".</summary>
    public static string Describe(ReproduceContext context, ulong seed)
    {
        var o = Options(context, seed);
        return FormattableString.Invariant(
            $"c from {o.InitialC:G}, ×{o.GrowthFactor:G} (or ÷) until the outcome flips (at most {o.MaxBracketSteps} times), then {o.BisectionSteps} bisections in log c; each minimisation L-BFGS-B with m = {o.Solver.HistorySize}, at most {o.Solver.MaxIterations} iterations; targets drawn uniformly from the other nine classes (seed {seed}); the smallest successful ‖r‖ over every c is kept");
    }
}
