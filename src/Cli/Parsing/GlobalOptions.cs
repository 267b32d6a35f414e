using System.CommandLine;

namespace Scratch.Cli.Parsing;

/// <summary>
/// The options every command takes (recursive on the root command). A command reads
/// <see cref="StopAfterValidation"/> once it has checked its options and paths, before any work:
/// <code>
/// var config = ...;                 // parse, validate, check paths
/// if (GlobalOptions.StopAfterValidation(parse)) return 0;
/// </code>
/// </summary>
internal static class GlobalOptions
{
    /// <summary>--verbose: after the one-line error, print the exception with its stack trace.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On an error, also print the stack trace.",
        Recursive = true,
    };

    /// <summary>--dry-run: check the options and paths, then stop before any work.</summary>
    public static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Check the options and paths, then stop before any work (exit code 0 when they are valid).",
        Recursive = true,
    };

    /// <summary>Whether the command should stop now that its options and paths have passed their checks.</summary>
    public static bool StopAfterValidation(ParseResult parse) => parse.GetValue(DryRun);
}
