namespace Scratch.Autograd;

/// <summary>Thrown by <see cref="GradCheck.Assert(Func{IReadOnlyList{Variable}, Variable}, IReadOnlyList{Tensor}, GradCheckOptions?)"/> when the analytic and numeric gradients disagree.</summary>
public sealed class GradCheckException : Exception
{
    /// <summary>Creates the exception for a failed check; the message is the result's text.</summary>
    public GradCheckException(GradCheckResult result)
        : base(result?.ToString())
    {
        Result = result!;
    }

    /// <summary>The failed check, with its worst element.</summary>
    public GradCheckResult Result { get; }
}
