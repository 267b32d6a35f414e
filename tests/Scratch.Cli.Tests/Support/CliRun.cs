namespace Scratch.Cli.Tests.Support;

/// <summary>Runs the <c>scratch</c> tool in-process with stdout and stderr captured.</summary>
internal static class CliRun
{
    // Console output is process-wide: callers must not run at the same time (see CliTestsRunAlone).
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = Program.Main(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
