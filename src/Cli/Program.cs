using System.CommandLine;
using Scratch.Cli.Commands;

namespace Scratch.Cli;

/// <summary>The <c>scratch</c> command-line tool: parsing and output only; the work is done by the libraries.</summary>
public static class Program
{
    /// <summary>Runs the command named by <paramref name="args"/> and returns its exit code.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("Scratch: tensors, autodiff and adversarial attacks written from scratch in C#.");
        root.Subcommands.Add(DevicesCommand.Create());
        root.Subcommands.Add(SelfCheckCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(GpuCheckCommand.Create());
        return root.Parse(args).Invoke();
    }
}
