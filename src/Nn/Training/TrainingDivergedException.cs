namespace Scratch.Nn.Training;

/// <summary>
/// Training diverged under a <see cref="DivergenceRule"/>: the loss became NaN or infinite, or grew by
/// orders of magnitude over its start. The message names the step and the first parameter or term
/// (the data loss, or one layer's weight penalty) that overflowed or dominates.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(string message, int epoch, int batch, string? parameter, string? term = null)
        : base(message)
    {
        Epoch = epoch;
        Batch = batch;
        Parameter = parameter;
        Term = term;
    }

    /// <summary>The epoch of the failing step, counted from 0.</summary>
    public int Epoch { get; }

    /// <summary>The batch of the failing step within its epoch, counted from 0.</summary>
    public int Batch { get; }

    /// <summary>The first parameter whose value or gradient held a non-finite number (or, when every number is finite, the one holding the largest magnitude), or null when none is to blame.</summary>
    public string? Parameter { get; }

    /// <summary>The term of the objective that overflowed or dominates: "data loss" or "penalty of layer 'NAME'"; null when a parameter's value was already non-finite.</summary>
    public string? Term { get; }
}
