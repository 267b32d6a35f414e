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
    // Every example's x in the batches' dtype and device, made once: a round's originals are its rows.
    private Tensor? _allOriginals;
    // The round's small constants (c_j, targets l_j) for the problems in _stagedFor, kept while the same problems
    // are evaluated again (every round of a phase until one of them finishes): read-only graph inputs.
    private int[] _stagedFor = [];
    private (Tensor Penalties, Tensor Targets, DType DType, Device Device)? _staged;

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
        var x = Originals(problems, batch.DType, batch.Device);
        var (penalty, targets) = Constants(problems, batch.DType, batch.Device);
        // c·‖x′ − x‖₂²: the squared norm of each row r = x′ − x.
        var squaredNorm = (batch - new Variable(x)).Square().Flatten(1).Sum(1);
        var loss = _classifier.Loss(_classifier.Forward(batch), targets, Reduction.None);
        return squaredNorm * new Variable(penalty) + loss;
    }

    // The problems' x_j as rows of one tensor: a view when their examples are consecutive (a whole batch), else a copy
    // made in the evaluation's scope (recycled with it), so that a shrinking set of problems allocates nothing new.
    private Tensor Originals(IReadOnlyList<int> problems, DType dtype, Device device)
    {
        if (_allOriginals is not { } all || all.DType != dtype || all.Device != device)
        {
            // Made outside the evaluation's DeviceScope: it outlives it, so its pool must not take it back.
            using var outlivesTheEvaluation = DeviceScope.Suspend();
            var count = _originals.Length / _exampleShape.ElementCount;
            all = _allOriginals = Tensor.Wrap(_originals, [count, .. _exampleShape]).To(dtype).To(device);
        }
        var first = _examples[problems[0]];
        var consecutive = true;
        for (var j = 1; j < problems.Count && consecutive; j++)
        {
            consecutive = _examples[problems[j]] == first + j;
        }
        if (consecutive)
        {
            return all.Narrow(0, first, problems.Count);
        }
        var rows = new Tensor[problems.Count];
        for (var j = 0; j < rows.Length; j++)
        {
            rows[j] = all.Narrow(0, _examples[problems[j]], 1);
        }
        return Tensor.Concat(rows);
    }

    private (Tensor Penalties, Tensor Targets) Constants(IReadOnlyList<int> problems, DType dtype, Device device)
    {
        if (_staged is { } s && s.DType == dtype && s.Device == device && problems.SequenceEqual(_stagedFor))
        {
            return (s.Penalties, s.Targets);
        }
        var k = problems.Count;
        var c = new double[k];
        var targets = new int[k];
        for (var j = 0; j < k; j++)
        {
            c[j] = _penalties[problems[j]];
            targets[j] = _targets[_examples[problems[j]]];
        }
        // Made outside the evaluation's DeviceScope: they outlive it, so its pool must not take them back.
        using var outlivesTheEvaluation = DeviceScope.Suspend();
        var staged = (Tensor.Wrap(c, k).To(dtype).To(device), Tensor.Wrap(targets, k).To(device), dtype, device);
        _staged = staged;
        _stagedFor = problems.ToArray();
        return (staged.Item1, staged.Item2);
    }
}
