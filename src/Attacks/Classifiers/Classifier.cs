using Scratch.Autograd;
using Scratch.Nn;

namespace Scratch.Attacks;

/// <summary>
/// What an attack sees: a differentiable function from a batch to scores (any <c>Func&lt;Variable, Variable&gt;</c>,
/// the way candle lets a closure be a module), the box its inputs live in (default [0, 1]), an optional
/// normalisation applied inside the forward, and the <see cref="OutputKind"/> that defines probabilities,
/// predictions and the loss J(θ, x, y). A <see cref="Module"/> becomes one with <see cref="FromModule"/>.
/// </summary>
public sealed class Classifier
{
    private readonly Func<Variable, Variable> _function;

    /// <summary>Wraps a differentiable function as a classifier.</summary>
    /// <param name="function">Maps a batch [N, ...] to scores [N, C] (or [N, 1] / [N] for <see cref="OutputKind.OneLogit"/>).</param>
    /// <param name="kind">What the scores mean.</param>
    /// <param name="lowerBound">The smallest valid input value (pixels: 0).</param>
    /// <param name="upperBound">The largest valid input value (pixels: 1).</param>
    /// <param name="preprocessing">A normalisation applied inside the forward, or null.</param>
    /// <exception cref="ArgumentException">The bounds are not finite with lower &lt; upper.</exception>
    public Classifier(Func<Variable, Variable> function, OutputKind kind = OutputKind.Logits,
        double lowerBound = 0, double upperBound = 1, Preprocessing? preprocessing = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!double.IsFinite(lowerBound) || !double.IsFinite(upperBound) || !(lowerBound < upperBound))
        {
            throw new ArgumentException($"classifier: bounds [{lowerBound}, {upperBound}]; expected finite values with lower < upper", nameof(upperBound));
        }
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "classifier: unknown output kind");
        }
        _function = function;
        Kind = kind;
        LowerBound = lowerBound;
        UpperBound = upperBound;
        Preprocessing = preprocessing;
    }

    /// <summary>
    /// The classifier view of a module: its forward runs in evaluation mode (dropout off) with its parameters
    /// frozen (<see cref="Parameter.Freeze"/>), so an attack's tape holds only the path to x. The view never
    /// changes the module: each module's train/eval mode is restored after every forward, so adversarial
    /// training can make x′ through the view while it trains the live module.
    /// </summary>
    public static Classifier FromModule(Module model, OutputKind kind = OutputKind.Logits,
        double lowerBound = 0, double upperBound = 1, Preprocessing? preprocessing = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var modules = model.NamedModules().Select(m => m.Module).ToArray();
        return new Classifier(x => EvalForward(model, modules, x), kind, lowerBound, upperBound, preprocessing);
    }

    /// <summary>
    /// The classifier view of a model of <see cref="ModelZoo"/> by its name: "logreg" has one logit, "rbf" has
    /// independent unit probabilities, every other model has logits.
    /// </summary>
    public static Classifier ForZooModel(string name, Module model) => FromModule(model, name switch
    {
        "logreg" => OutputKind.OneLogit,
        "rbf" => OutputKind.UnitProbabilities,
        _ => OutputKind.Logits,
    });

    /// <summary>What the scores mean.</summary>
    public OutputKind Kind { get; }

    /// <summary>The smallest valid input value.</summary>
    public double LowerBound { get; }

    /// <summary>The largest valid input value.</summary>
    public double UpperBound { get; }

    /// <summary>The normalisation applied inside the forward, or null.</summary>
    public Preprocessing? Preprocessing { get; }

    /// <summary>The scores of a batch, recording the tape when <paramref name="x"/> requires a gradient.</summary>
    public Variable Forward(Variable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (Preprocessing is { } p)
        {
            x = (x - new Variable(p.Mean.To(x.DType).To(x.Device))) / new Variable(p.Std.To(x.DType).To(x.Device));
        }
        return _function(x);
    }

    /// <summary>
    /// The scores of a batch, without a tape. The forward runs in its own <see cref="DeviceScope"/>, so its
    /// intermediate activations come from the pool and go back to it, whether or not the caller has a scope open
    /// (an RBF layer's [N, units, n] differences made fresh memory at every call otherwise: on the VMs of Dec 2026
    /// a fresh page costs ≈ 15 µs, docs/memory.md); the scores themselves are kept.
    /// </summary>
    public Tensor Scores(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var _ = Autodiff.NoGrad();
        using var scope = DeviceScope.Begin();
        return scope.Keep(Forward(new Variable(x)).Data);
    }

    /// <summary>The number of classes the scores stand for (2 for one logit).</summary>
    public int ClassCount(Tensor scores) => Kind == OutputKind.OneLogit ? 2 : scores.Shape[^1];

    /// <summary>p(y = k | x) for every class, [N, C], as the output kind defines it.</summary>
    public Tensor Probabilities(Tensor scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        switch (Kind)
        {
            case OutputKind.Logits:
                return scores.Softmax(1);
            case OutputKind.UnitProbabilities:
                return scores.Exp();
            default:
                var p1 = OneLogit(scores).Sigmoid().Unsqueeze(1);
                return Tensor.Concat([1.0 - p1, p1], 1);
        }
    }

    /// <summary>The predicted class of each example, int32 [N]: the arg-max, or logit &gt; 0 for one logit.</summary>
    public Tensor Predict(Tensor scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (Kind != OutputKind.OneLogit)
        {
            return scores.ArgMax(1);
        }
        var z = OneLogit(scores);
        return Tensor.Greater(z, Tensor.Scalar(0, z.DType, z.Device)).To(DType.Int32);
    }

    /// <summary>J(θ, x, y) from the scores: cross-entropy, the logistic loss for one logit, or the units' likelihood for unit probabilities.</summary>
    public Variable Loss(Variable scores, Tensor labels, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return Kind switch
        {
            OutputKind.OneLogit => Losses.LogisticLoss(scores, labels, reduction),
            OutputKind.UnitProbabilities => Losses.UnitProbabilityLoss(scores, labels, reduction),
            _ => Losses.CrossEntropy(scores, labels, reduction),
        };
    }

    /// <summary>
    /// ∇ₓ Σₙ J(θ, xₙ, yₙ): each row is the gradient of that example's own loss (examples do not interact in
    /// a classifier's forward), in x's shape, dtype and device.
    /// </summary>
    public Tensor LossGradient(Tensor x, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(x);
        var input = new Variable(x, requiresGrad: true, name: "x");
        return Autodiff.Grad(Loss(Forward(input), labels, Reduction.Sum), input);
    }

    /// <summary>
    /// The loss gradient as <see cref="LossGradient"/>, with the scores of the same forward; <paramref name="checkScores"/>,
    /// when given, sees the scores before the loss is taken (to check the labels against the class count).
    /// </summary>
    internal (Tensor Gradient, Tensor Scores) LossGradientAndScores(Tensor x, Tensor labels, Action<Tensor>? checkScores = null)
    {
        var input = new Variable(x, requiresGrad: true, name: "x");
        var scores = Forward(input);
        checkScores?.Invoke(scores.Data);
        return (Autodiff.Grad(Loss(scores, labels, Reduction.Sum), input), scores.Data);
    }

    private static Tensor OneLogit(Tensor scores) =>
        scores.Rank == 2 && scores.Shape[1] == 1 ? scores.Squeeze(1) : scores;

    private static Variable EvalForward(Module model, Module[] modules, Variable x)
    {
        // Each module's mode, restored afterwards (on the stack: this runs at every forward of an attack).
        Span<bool> modes = modules.Length <= 256 ? stackalloc bool[modules.Length] : new bool[modules.Length];
        for (var i = 0; i < modules.Length; i++)
        {
            modes[i] = modules[i].Training;
        }
        model.Eval();
        try
        {
            using var frozen = Parameter.Freeze();
            return model.Forward(x);
        }
        finally
        {
            for (var i = 0; i < modules.Length; i++)
            {
                modules[i].Train(modes[i]);
            }
        }
    }
}
