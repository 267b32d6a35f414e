namespace Scratch.Nn.Training;

/// <summary>What one <see cref="Trainer.Step"/> did.</summary>
/// <param name="Loss">The batch's data loss before the step.</param>
/// <param name="Objective">The data loss plus the model's weight penalty, the value the step descended.</param>
/// <param name="Examples">The batch size.</param>
/// <param name="Correct">Examples the model classified correctly before the step, or null when the loss function gives no predictions.</param>
public sealed record StepResult(double Loss, double Objective, int Examples, long? Correct);
