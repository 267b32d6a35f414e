namespace Scratch.Optim;

/// <summary>Step decay (PyTorch's StepLR): η_e = η₀·γ^⌊e / stepSize⌋.</summary>
public sealed class StepLr : LrSchedule
{
    /// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">stepSize &lt; 1 or gamma negative or not finite.</exception>
    public StepLr(int stepSize, double gamma = 0.1)
    {
        StepSize = Check.PositiveInt(stepSize, "step size");
        Gamma = Check.NonNegative(gamma, "gamma");
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>γ, the factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override double LearningRate(double baseLearningRate, int epoch)
    {
        CheckEpoch(epoch);
        // η_e = η₀·γ^⌊e / stepSize⌋
        return baseLearningRate * Math.Pow(Gamma, epoch / StepSize);
    }
}
