namespace Scratch.Attacks;

/// <summary>Runs an attack for the targets a policy names, expanding "all others" into one run per class.</summary>
internal static class TargetExpansion
{
    /// <summary>
    /// Resolves the policy on the clean batch and runs <paramref name="attack"/> once with those targets, or, for
    /// <see cref="TargetPolicy.AllOthers"/>, once per class k (examples labelled k aim for the runner-up in that run,
    /// which the other runs cover anyway) and keeps per example the smallest successful perturbation.
    /// </summary>
    public static AttackResult Run(TargetPolicy policy, IReadOnlyList<int> labels, Tensor cleanProbabilities, long firstIndex,
        Func<int[], AttackResult> attack)
    {
        if (policy != TargetPolicy.AllOthers)
        {
            return attack(policy.Resolve(labels, cleanProbabilities, firstIndex));
        }
        var classes = cleanProbabilities.Shape[1];
        var runnerUp = TargetPolicy.RunnerUp.Resolve(labels, cleanProbabilities, firstIndex);
        var runs = new List<AttackResult>(classes);
        for (var k = 0; k < classes; k++)
        {
            var targets = labels.Select((y, i) => y == k ? runnerUp[i] : k).ToArray();
            runs.Add(attack(targets));
        }
        return AttackResult.SmallestSuccessful(runs);
    }
}
