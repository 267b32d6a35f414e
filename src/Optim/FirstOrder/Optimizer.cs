namespace Scratch.Optim;

/// <summary>
/// A first-order optimizer over a fixed list of parameters: each <see cref="Step"/> reads every
/// parameter's gradient and replaces its value. Parameters whose gradient is null (no gradient
/// reached them) are skipped and their state is left as it was, as PyTorch does.
/// </summary>
public abstract class Optimizer
{
    private double _learningRate;

    /// <summary>Creates an optimizer over <paramref name="parameters"/> with a learning rate.</summary>
    /// <exception cref="ArgumentException">The list is empty, holds a null or the same parameter twice, or the learning rate is negative or not finite.</exception>
    protected Optimizer(IReadOnlyList<IParameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("optimizer: the parameter list is empty; there is nothing to optimize", nameof(parameters));
        }
        var seen = new HashSet<IParameter>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] is null)
            {
                throw new ArgumentException($"optimizer: parameter {i} is null", nameof(parameters));
            }
            if (!seen.Add(parameters[i]))
            {
                throw new ArgumentException($"optimizer: parameter {i} ('{parameters[i].Name}') appears twice; it would be updated twice per step", nameof(parameters));
            }
        }
        Parameters = parameters.ToArray();
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates, in the order given.</summary>
    public IReadOnlyList<IParameter> Parameters { get; }

    /// <summary>The step size; a schedule may change it between steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = Check.NonNegative(value, "learning rate");
    }

    /// <summary>Updates every parameter that has a gradient.</summary>
    public abstract void Step();
}
