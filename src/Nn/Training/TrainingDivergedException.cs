namespace Scratch.Nn.Training;

/// <summary>The loss became NaN or infinite; the message names the step and where a non-finite value first appeared.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(string message, int epoch, int batch, string? parameter)
        : base(message)
    {
        Epoch = epoch;
        Batch = batch;
        Parameter = parameter;
    }

    /// <summary>The epoch of the failing step, counted from 0.</summary>
    public int Epoch { get; }

    /// <summary>The batch of the failing step within its epoch, counted from 0.</summary>
    public int Batch { get; }

    /// <summary>The first parameter whose value or gradient held a non-finite number, or null when none did.</summary>
    public string? Parameter { get; }
}
