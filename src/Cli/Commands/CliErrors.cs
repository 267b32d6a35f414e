using System.CommandLine;
using System.Text.RegularExpressions;
using Scratch.Data.Sets;
using Scratch.Nn.Training;

namespace Scratch.Cli.Commands;

/// <summary>
/// Turns every error into one line on stderr and an exit code, never a stack trace (unless
/// <c>--verbose</c>) and never a help dump. <see cref="Program"/> calls it for parse errors and for
/// every exception a command throws, so a command simply throws: an <see cref="ArgumentException"/>
/// for a bad option (its message naming the option, the value and what was expected), the loaders'
/// <see cref="InvalidDataException"/>, <see cref="IOException"/> and the like for bad files.
/// </summary>
internal static partial class CliErrors
{
    /// <summary>Exit code for every error but a failed run: bad options, files, data, and anything unexpected.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a run that failed on valid input (the loss diverged, a self-check found a wrong result).</summary>
    public const int Failed = 1;

    /// <summary>Prints the parse errors as one line.</summary>
    /// <returns><see cref="BadInput"/>.</returns>
    public static int ParseFailed(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        Console.Error.WriteLine($"error: {OneLine(string.Join("; ", parse.Errors.Select(e => e.Message)))}");
        return BadInput;
    }

    /// <summary>Prints <paramref name="e"/> as one line, then with <paramref name="verbose"/> the exception and its stack trace.</summary>
    /// <returns>The exit code: <see cref="Failed"/> for a diverged run, else <see cref="BadInput"/>.</returns>
    public static int Report(Exception e, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e switch
        {
            TrainingDivergedException or ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException
                or DataNotFoundException or NotSupportedException => Describe(e),
            OutOfMemoryException => $"out of memory ({e.Message})",
            _ => $"unexpected {e.GetType().Name}: {Describe(e)}" + (verbose ? "" : " (--verbose shows the stack trace)"),
        };
        Console.Error.WriteLine($"error: {OneLine(message)}");
        if (verbose)
        {
            Console.Error.WriteLine(e);
        }
        return e is TrainingDivergedException ? Failed : BadInput;
    }

    /// <summary>The message of <paramref name="e"/> without the " (Parameter 'x')" that .NET appends to an <see cref="ArgumentException"/>'s.</summary>
    public static string Describe(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    // Line breaks and other control characters (a tensor name can hold any) become single spaces.
    private static string OneLine(string text) => ControlCharacters().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s*\p{Cc}[\p{Cc}\s]*")]
    private static partial Regex ControlCharacters();
}
