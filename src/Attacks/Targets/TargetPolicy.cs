namespace Scratch.Attacks;

/// <summary>
/// Which class an attack aims for, per example: none (untargeted, FGSM's and PGD's default), the runner-up
/// (the second most probable class on x), a seeded random class other than the label (the default of
/// Szegedy's attack, as in the paper's tables), every other class keeping the smallest perturbation, or one
/// fixed class.
/// </summary>
public abstract record TargetPolicy
{
    private TargetPolicy()
    {
    }

    /// <summary>No target: the attack succeeds when the prediction differs from the label.</summary>
    public static TargetPolicy Untargeted { get; } = new UntargetedPolicy();

    /// <summary>The second most probable class on the clean example.</summary>
    public static TargetPolicy RunnerUp { get; } = new RunnerUpPolicy();

    /// <summary>Every class but the label, one run each; the smallest successful perturbation is kept.</summary>
    public static TargetPolicy AllOthers { get; } = new AllOthersPolicy();

    /// <summary>
    /// A class other than the label drawn uniformly from the Philox stream of <paramref name="seed"/>; example i of
    /// the split gets the draw at position i, so the target does not depend on how the examples are batched.
    /// </summary>
    public static TargetPolicy Random(ulong seed) => new RandomPolicy(seed);

    /// <summary>Always <paramref name="label"/> (an example whose true label it is cannot be attacked toward it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The class is negative.</exception>
    public static TargetPolicy Class(int label)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        return new ClassPolicy(label);
    }

    /// <summary>Whether the policy names one target per example (false for untargeted and all-others).</summary>
    public bool IsSingleTarget => this is RunnerUpPolicy or RandomPolicy or ClassPolicy;

    /// <summary>
    /// The target of each example, or −1 where the policy is untargeted. <see cref="AllOthers"/> is expanded by
    /// the attack itself, one run per class; here it is an error.
    /// </summary>
    /// <param name="labels">True labels.</param>
    /// <param name="cleanProbabilities">p(y | x) on the clean batch, [N, C] (for the runner-up).</param>
    /// <param name="firstIndex">The position of the batch's first example in its split (for the random policy).</param>
    /// <exception cref="ArgumentException">A fixed target equals an example's label or is not a class of the model.</exception>
    public int[] Resolve(IReadOnlyList<int> labels, Tensor cleanProbabilities, long firstIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(cleanProbabilities);
        var classes = cleanProbabilities.Shape[1];
        switch (this)
        {
            case UntargetedPolicy:
                return Enumerable.Repeat(-1, labels.Count).ToArray();
            case RunnerUpPolicy:
                return RunnerUps(cleanProbabilities);
            case RandomPolicy random:
                return labels.Select((y, i) => RandomOther(random.Seed, firstIndex + i, y, classes)).ToArray();
            case ClassPolicy fixedClass:
                if (fixedClass.Label >= classes)
                {
                    throw new ArgumentException($"target: class {fixedClass.Label}; the model has classes 0..{classes - 1}", nameof(labels));
                }
                var clash = labels.ToList().IndexOf(fixedClass.Label);
                if (clash >= 0)
                {
                    throw new ArgumentException($"target: class {fixedClass.Label} is the true label of example {firstIndex + clash}; a target must differ from the label (leave those examples out, or use runner-up/random)", nameof(labels));
                }
                return labels.Select(_ => fixedClass.Label).ToArray();
            default:
                throw new InvalidOperationException("target: the all-others policy is expanded by the attack, one run per class");
        }
    }

    /// <summary>"untargeted", "runner-up", "random(seed)", "all", or the class number.</summary>
    public override string ToString() => this switch
    {
        UntargetedPolicy => "untargeted",
        RunnerUpPolicy => "runner-up",
        AllOthersPolicy => "all",
        RandomPolicy r => $"random(seed {r.Seed})",
        ClassPolicy c => c.Label.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => GetType().Name,
    };

    private static int[] RunnerUps(Tensor probabilities)
    {
        var p = probabilities.To(DType.Float64).To(Device.Cpu).ToArray<double>();
        var (n, c) = (probabilities.Shape[0], probabilities.Shape[1]);
        var targets = new int[n];
        for (var i = 0; i < n; i++)
        {
            var row = p.AsSpan(i * c, c);
            var first = 0;
            for (var k = 1; k < c; k++)
            {
                first = row[k] > row[first] ? k : first;
            }
            var second = first == 0 ? 1 : 0;
            for (var k = 0; k < c; k++)
            {
                second = k != first && row[k] > row[second] ? k : second;
            }
            targets[i] = second;
        }
        return targets;
    }

    // A uniform draw from the C − 1 classes other than y, by Lemire's multiply-shift on 32 Philox bits.
    private static int RandomOther(ulong seed, long index, int label, int classes)
    {
        var bits = Philox.Block(seed, (ulong)index).Item1;
        var k = (int)(((ulong)bits * (ulong)(classes - 1)) >> 32);
        return k >= label ? k + 1 : k;
    }

    private sealed record UntargetedPolicy : TargetPolicy;

    private sealed record RunnerUpPolicy : TargetPolicy;

    private sealed record AllOthersPolicy : TargetPolicy;

    private sealed record RandomPolicy(ulong Seed) : TargetPolicy;

    private sealed record ClassPolicy(int Label) : TargetPolicy;
}
