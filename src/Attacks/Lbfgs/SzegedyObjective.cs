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
    private double[] _stagedOriginals = [];

    public SzegedyObjective(Classifier classifier, double[] originals, Shape exampleShape, int[] targets)
    {
        _classifier = classifier;
        _originals = originals;
        _exampleShape = exampleShape;
        _targets = targets;
    }

    /// <summary>Per problem of the current phase: the example it attacks.</summary>
    public int[] Examples { get; set; } = [];

    /// <summary>Per problem of the current phase: its c.</summary>
    public double[] Penalties { get; set; } = [];

    /// <summary>The values [k] of the problems <paramref name="problems"/> at the stacked points <paramref name="batch"/>.</summary>
    public Variable Values(Variable batch, IReadOnlyList<int> problems)
    {
        var k = problems.Count;
        var n = _exampleShape.ElementCount;
        if (_stagedOriginals.Length < k * n)
        {
            _stagedOriginals = new double[k * n];
        }
        var c = new double[k];
        var targets = new int[k];
        for (var j = 0; j < k; j++)
        {
            var example = Examples[problems[j]];
            _originals.AsSpan(example * n, n).CopyTo(_stagedOriginals.AsSpan(j * n, n));
            c[j] = Penalties[problems[j]];
            targets[j] = _targets[example];
        }
        var x = Tensor.FromSpan<double>(_stagedOriginals.AsSpan(0, k * n), [k, .. _exampleShape]).To(batch.DType).To(batch.Device);
        var penalty = Tensor.FromArray(c).To(batch.DType).To(batch.Device);
        // c·‖x′ − x‖₂²: the squared norm of each row r = x′ − x.
        var squaredNorm = (batch - new Variable(x)).Square().Flatten(1).Sum(1);
        var loss = _classifier.Loss(_classifier.Forward(batch), Tensor.FromArray(targets).To(batch.Device), Reduction.None);
        return squaredNorm * new Variable(penalty) + loss;
    }
}
