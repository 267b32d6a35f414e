namespace Scratch.Attacks;

/// <summary>
/// An ensemble of classifiers as one classifier (Goodfellow et al. 2015, §6: FGSM against an ensemble of maxout
/// nets): its probability is the members' mean probability, p(y | x) = (1/K) Σₖ pₖ(y | x), returned as logits
/// log p (whose softmax is p again), so attacks differentiate J = −log p_y of the ensemble.
/// </summary>
public static class Ensemble
{
    /// <summary>The averaging ensemble of <paramref name="members"/>, all with logits and the same box.</summary>
    /// <exception cref="ArgumentException">No members, a member whose output is not logits, or different boxes.</exception>
    public static Classifier Of(IReadOnlyList<Classifier> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("ensemble: no members", nameof(members));
        }
        var first = members[0];
        if (members.Any(m => m.Kind != OutputKind.Logits || m.LowerBound != first.LowerBound || m.UpperBound != first.UpperBound))
        {
            throw new ArgumentException("ensemble: every member must output logits and share the first member's box", nameof(members));
        }
        return new Classifier(x =>
        {
            // log((1/K) Σₖ softmax(zₖ)) = logsumexp over members of log softmax(zₖ) − log K.
            var logProbabilities = members.Select(m => m.Forward(x).LogSoftmax(1).Unsqueeze(0)).ToArray();
            return Autograd.Variable.Concat(logProbabilities, 0).LogSumExp(0) - Math.Log(members.Count);
        }, OutputKind.Logits, first.LowerBound, first.UpperBound);
    }
}
