namespace Scratch.Optim;

/// <summary>The base learning rate at every epoch.</summary>
public sealed class ConstantLr : LrSchedule
{
    /// <inheritdoc />
    public override double LearningRate(double baseLearningRate, int epoch)
    {
        CheckEpoch(epoch);
        return baseLearningRate;
    }
}
