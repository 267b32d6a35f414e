using System.CommandLine;
using System.Globalization;
using Scratch.Cli.Parsing;
using Scratch.Reproduce;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary><c>scratch reproduce [szegedy|goodfellow|all]</c>: the papers' experiments and their report.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var paper = new Argument<string>("paper") { Description = "szegedy, goodfellow or all.", DefaultValueFactory = _ => "all" };
        var preset = new Option<string>("--preset") { Description = "ci, quick or full.", DefaultValueFactory = _ => "quick" };
        var only = new Option<string?>("--only") { Description = "Run only these experiments (comma-separated names, e.g. szegedy-tables-1-2)." };
        var device = new Option<string>("--device") { Description = "cpu, reference, ilgpu-cpu or gpu.", DefaultValueFactory = _ => "cpu" };
        var output = new Option<string>("--out") { Description = "The results folder (created if missing).", DefaultValueFactory = _ => "results" };
        var retrain = new Option<bool>("--retrain") { Description = "Ignore the models and results cached in the results folder." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Data cache folder." };
        var command = new Command("reproduce", "Train the papers' models on MNIST, run their experiments and write report.md and results.json.")
        {
            paper, preset, only, device, output, retrain, dataDir,
        };
        command.SetAction(parse =>
        {
            var names = parse.GetValue(only) is { } text ? text.Split(',').Select(s => s.Trim()).ToArray() : null;
            if (names is not null && names.Any(n => n.Length == 0))
            {
                throw new ArgumentException($"--only '{parse.GetValue(only)}' has an empty name; expected comma-separated experiment names");
            }
            var selected = ExperimentCatalog.Select(parse.GetValue(paper)!, names);
            var presetValue = Preset.Parse(parse.GetValue(preset)!);
            var folder = PathChecks.OutputFolder("--out", parse.GetValue(output)!);
            var target = Device.Parse(parse.GetValue(device)!);
            if (GlobalOptions.StopAfterValidation(parse))
            {
                return 0;
            }
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            var context = new ReproduceContext(presetValue, folder, target, parse.GetValue(retrain),
                parse.GetValue(dataDir), line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            var report = Reproduction.Run(context, parse.GetValue(paper)!, names,
                (name, i, count) => console.MarkupLine($"[bold]({i + 1}/{count}) {Markup.Escape(name)}[/]"),
                (result, cached) => console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"  {result.Name}: {(cached ? "cached" : $"{result.Seconds:F1} s")}"))));
            var table = new Table().AddColumns("experiment", "seconds", "figures");
            foreach (var r in report.Results)
            {
                table.AddRow(Markup.Escape(r.Name), r.Seconds.ToString("F1", CultureInfo.InvariantCulture), r.Figures.Count.ToString(CultureInfo.InvariantCulture));
            }
            table.Caption = new TableTitle(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{selected.Count} experiments, preset {presetValue.Name}, {report.Seconds:F0} s; report: {report.ReportPath}")));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
