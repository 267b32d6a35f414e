namespace Scratch.Optim;

/// <summary>
/// A learning-rate schedule applied once per epoch: the rate for epoch e (counted from 0) as a
/// function of the base rate. Use <see cref="Apply"/> before each epoch.
/// </summary>
public abstract class LrSchedule
{
    /// <summary>The learning rate for <paramref name="epoch"/> (0-based) given the base rate η₀.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The epoch is negative.</exception>
    public abstract double LearningRate(double baseLearningRate, int epoch);

    /// <summary>Sets <paramref name="optimizer"/>'s learning rate for <paramref name="epoch"/>.</summary>
    public void Apply(Optimizer optimizer, double baseLearningRate, int epoch)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.LearningRate = LearningRate(baseLearningRate, epoch);
    }

    /// <summary>Throws when <paramref name="epoch"/> is negative.</summary>
    protected static void CheckEpoch(int epoch)
    {
        if (epoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"epoch = {epoch} is invalid; epochs count from 0");
        }
    }
}
