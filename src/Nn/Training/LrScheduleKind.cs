namespace Scratch.Nn.Training;

/// <summary>The learning-rate schedule of a <see cref="TrainingRecipe"/>, applied at the start of each epoch.</summary>
public enum LrScheduleKind
{
    /// <summary>The base rate throughout.</summary>
    Constant,

    /// <summary>×0.1 every third of the epochs (<see cref="Scratch.Optim.StepLr"/> with step ⌈epochs/3⌉).</summary>
    Step,

    /// <summary>Half a cosine from the base rate to 0 over the epochs (<see cref="Scratch.Optim.CosineLr"/>).</summary>
    Cosine,
}
