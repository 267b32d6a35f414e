using Scratch.Data.Sets;
using Scratch.Nn.Training;

namespace Scratch.Cli.Commands;

/// <summary>Turns the errors a user can cause (bad options, missing files or data, a diverged run) into a message on stderr and an exit code, never a stack trace.</summary>
internal static class CliErrors
{
    /// <summary>Exit code for bad input: an invalid option, an unknown model, a missing or mismatched checkpoint, missing data.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a run that failed on valid input (the loss diverged).</summary>
    public const int Failed = 1;

    /// <summary>Runs <paramref name="action"/> and maps the expected exceptions to exit codes.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (TrainingDivergedException e)
        {
            return Fail(e.Message, Failed);
        }
        catch (Exception e) when (e is ArgumentException or DataNotFoundException or FileNotFoundException
            or DirectoryNotFoundException or InvalidDataException or UnauthorizedAccessException or NotSupportedException)
        {
            return Fail(e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message, BadInput);
        }
    }

    private static int Fail(string message, int code)
    {
        // One line: an ArgumentOutOfRangeException appends "Actual value was …" on a second line; our messages already name the value.
        Console.Error.WriteLine($"error: {message.Split('\n')[0].TrimEnd()}");
        return code;
    }
}
