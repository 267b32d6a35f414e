using System.CommandLine;
using Scratch.Cli.Commands;
using Scratch.Cli.Parsing;

namespace Scratch.Cli;

/// <summary>The <c>scratch</c> command-line tool: parsing and output only; the work is done by the libraries.</summary>
public static class Program
{
    /// <summary>Runs the command named by <paramref name="args"/> and returns its exit code (0 success, 1 failed run, 2 any error, see <see cref="CliErrors"/>).</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("Scratch: tensors, autodiff and adversarial attacks written from scratch in C#.");
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.DryRun);
        root.Subcommands.Add(DevicesCommand.Create());
        root.Subcommands.Add(SelfCheckCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(AttackCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(GpuCheckCommand.Create());
        // No response files: "@/dev/zero" is an unknown argument, not a file to read without end.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            return CliErrors.ParseFailed(parse);
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, parse.GetValue(GlobalOptions.Verbose));
        }
    }
}
