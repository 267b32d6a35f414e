using Scratch.Autograd;
using Scratch.Nn;

namespace Scratch.Attacks;

/// <summary>
/// The objective of Szegedy et al. 2014, §4.1, one value per problem: f_j(x′) = c_j·‖x′ − x_j‖₂² + loss_f(x′, l_j),
/// with loss_f the classifier's loss (cross-entropy toward the target l_j). The variable is x′ = x + r itself, so
/// the box constraint x + r ∈ [0, 1]ᵐ is a plain box on the variable. Problem j of a round is example
/// <see cref="Examples"/>[j] of the batch at penalty <see cref="Penalties"/>[j].
/// </summary>
internal sealed class SzegedyObjective
{
    private readonly Classifier _classifier;
    private readonly double[] _originals;
    private readonly Shape _exampleShape;
    private readonly int[] _targets;
    private int[] _examples = [];
    private double[] _penalties = [];
    // The round's constants (originals x_j, c_j, targets l_j) for the problems in _stagedFor, kept while the same
    // problems are evaluated again (every round of a phase until one of them finishes): read-only graph inputs.
    private int[] _stagedFor = [];
    private (Tensor Originals, Tensor Penalties, Tensor Targets, DType DType, Device Device)? _staged;

    public SzegedyObjective(Classifier classifier, double[] originals, Shape exampleShape, int[] targets)
    {
        _classifier = classifier;
        _originals = originals;
        _exampleShape = exampleShape;
        _targets = targets;
    }

    /// <summary>Per problem of the current phase: the example it attacks.</summary>
    public int[] Examples
    {
        get => _examples;
        set
        {
            _examples = value;
            _staged = null;
        }
    }

    /// <summary>Per problem of the current phase: its c.</summary>
    public double[] Penalties
    {
        get => _penalties;
        set
        {
            _penalties = value;
            _staged = null;
        }
    }

    /// <summary>The values [k] of the problems <paramref name="problems"/> at the stacked points <paramref name="batch"/>.</summary>
    public Variable Values(Variable batch, IReadOnlyList<int> problems)
    {
        var (x, penalty, targets) = Constants(problems, batch.DType, batch.Device);
        // c·‖x′ − x‖₂²: the squared norm of each row r = x′ − x.
        var squaredNorm = (batch - new Variable(x)).Square().Flatten(1).Sum(1);
        var loss = _classifier.Loss(_classifier.Forward(batch), targets, Reduction.None);
        return squaredNorm * new Variable(penalty) + loss;
    }

    private (Tensor Originals, Tensor Penalties, Tensor Targets) Constants(IReadOnlyList<int> problems, DType dtype, Device device)
    {
        if (_staged is { } s && s.DType == dtype && s.Device == device && problems.SequenceEqual(_stagedFor))
        {
            return (s.Originals, s.Penalties, s.Targets);
        }
        var k = problems.Count;
        var n = _exampleShape.ElementCount;
        var originals = new double[k * n];
        var c = new double[k];
        var targets = new int[k];
        for (var j = 0; j < k; j++)
        {
            var example = _examples[problems[j]];
            _originals.AsSpan(example * n, n).CopyTo(originals.AsSpan(j * n, n));
            c[j] = _penalties[problems[j]];
            targets[j] = _targets[example];
        }
        // Made outside the evaluation's DeviceScope: they outlive it, so its pool must not take them back.
        using var outlivesTheEvaluation = DeviceScope.Suspend();
        var staged = (Tensor.Wrap(originals, [k, .. _exampleShape]).To(dtype).To(device), Tensor.Wrap(c, k).To(dtype).To(device),
            Tensor.Wrap(targets, k).To(device), dtype, device);
        _staged = staged;
        _stagedFor = problems.ToArray();
        return (staged.Item1, staged.Item2, staged.Item3);
    }
}
