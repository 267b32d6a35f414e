using Scratch.Autograd;

namespace Scratch.Nn.Training;

/// <summary>
/// How a classifier's outputs are scored and read, chosen explicitly per model (the zoo's
/// <see cref="TrainingRecipe.Objective"/>): <see cref="CrossEntropy"/> for C ≥ 2 logits, read by
/// arg-max; <see cref="Logistic"/> for one logit on labels in {0, 1} (logistic regression on MNIST
/// 3 vs 7, Goodfellow, Shlens &amp; Szegedy 2015 §5), read as class 1 when the logit is positive;
/// <see cref="UnitProbabilities"/> for C ≥ 2 log-probabilities of independent units (the RBF network
/// of §7), read by arg-max.
/// </summary>
public sealed class Objective
{
    private readonly bool _singleLogit;
    private readonly Func<Variable, Tensor, Variable> _loss;

    private Objective(string name, bool singleLogit, Func<Variable, Tensor, Variable> loss)
    {
        Name = name;
        _singleLogit = singleLogit;
        _loss = loss;
        LossFunction = (model, images, labels) =>
        {
            ArgumentNullException.ThrowIfNull(model);
            var output = model.Forward(new Variable(images));
            return new BatchLoss(Loss(output, labels), Predict(output.Data));
        };
    }

    /// <summary>Softmax cross-entropy on logits [N, C] (<see cref="Losses.CrossEntropy"/>); the prediction is the arg-max.</summary>
    public static Objective CrossEntropy { get; } = new("cross-entropy", singleLogit: false, (z, y) => Losses.CrossEntropy(z, y));

    /// <summary>The logistic loss ζ(−y·z) on one logit [N] or [N, 1] with labels in {0, 1} (<see cref="Losses.LogisticLoss"/>); the prediction is z &gt; 0.</summary>
    public static Objective Logistic { get; } = new("logistic", singleLogit: true, (z, y) => Losses.LogisticLoss(z, y));

    /// <summary>
    /// The likelihood of independent unit probabilities p_k = exp(s_k) on scores [N, C] (<see cref="Losses.UnitProbabilityLoss"/>);
    /// the prediction is the arg-max.
    /// </summary>
    public static Objective UnitProbabilities { get; } = new("unit-probabilities", singleLogit: false, (s, y) => Losses.UnitProbabilityLoss(s, y));

    /// <summary>"cross-entropy", "logistic" or "unit-probabilities".</summary>
    public string Name { get; }

    /// <summary>The number of outputs a model must have for this objective to apply, or null for any number ≥ 2.</summary>
    public int? Outputs => _singleLogit ? 1 : null;

    /// <summary>The standard loss of a batch: one forward pass, this objective's loss and the predictions.</summary>
    public LossFunction LossFunction { get; }

    /// <summary>The mean data loss of a batch of outputs.</summary>
    /// <exception cref="ArgumentException">The output's shape does not fit this objective, or the labels do not fit the output.</exception>
    public Variable Loss(Variable output, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_singleLogit != IsSingleLogit(output.Shape))
        {
            throw new ArgumentException($"objective {Name}: model output {output.Shape}; expected {(_singleLogit ? "[N] or [N, 1] (one logit)" : "[N, C] scores with C >= 2")}", nameof(output));
        }
        return _loss(output, labels);
    }

    /// <summary>The predicted class of each example as int32 [N].</summary>
    public Tensor Predict(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!_singleLogit)
        {
            return output.ArgMax(1);
        }
        var z = output.Rank == 2 ? output.Squeeze(1) : output;
        return Tensor.Greater(z, Tensor.Scalar(0, z.DType, z.Device)).To(DType.Int32);
    }

    /// <summary>The number of examples whose predicted class equals the label.</summary>
    public long CountCorrect(Tensor output, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return CountEqual(Predict(output), labels);
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>The number of positions where two int32 vectors agree (on the first one's device).</summary>
    internal static long CountEqual(Tensor predictions, Tensor labels) =>
        (long)Tensor.Equal(predictions, labels.To(predictions.Device)).To(DType.Float64).Sum().Item();

    private static bool IsSingleLogit(Shape shape) => shape.Rank == 1 || (shape.Rank == 2 && shape[1] == 1);
}
