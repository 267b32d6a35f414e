using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Scratch.Cli.Parsing;
using Scratch.Nn;
using Scratch.Nn.Training;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary><c>scratch eval</c>: the test loss and error of a saved model.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "A safetensors checkpoint written by scratch train.", Required = true };
        var data = CliOptions.Choice("--data", "The data set.", "mnist", "mnist", "fashion-mnist");
        var classes = CliOptions.Classes("--classes", "The classes to evaluate on: those the model was trained on (the default, from its metadata or recipe).");
        var testSize = CliOptions.OptionalInteger("--test-size", "Evaluate on the first N test examples only.", v => v >= 1, "an integer >= 1");
        var batchSize = CliOptions.Integer("--batch-size", "Examples per batch.", 1000, v => v >= 1, "an integer >= 1");
        var device = CliOptions.Device("--device", "The device to evaluate on.");
        var dataDir = new Option<string?>("--data-dir") { Description = "Data cache folder." };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON object." };
        var command = new Command("eval", "Evaluate a saved model on the test set.") { model, data, classes, testSize, batchSize, device, dataDir, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            PathChecks.InputFile("--model", path);
            var dataDirectory = parse.GetValue(dataDir);
            if (dataDirectory is not null)
            {
                PathChecks.FolderIfPresent("--data-dir", dataDirectory);
            }
            var loaded = ModelZoo.LoadCheckpoint(path);
            var kept = ZooOptions.EvaluationClasses(path, loaded, parse.GetValue(classes) ?? []);
            var dataOptions = new DataOptions(parse.GetValue(data)!, kept, null, parse.GetValue(testSize), dataDirectory);
            dataOptions.Validate();
            if (GlobalOptions.StopAfterValidation(parse))
            {
                return 0;
            }
            var test = dataOptions.LoadTest(Console.Error.WriteLine);
            var metrics = Trainer.Evaluate(loaded.Model.To(parse.GetValue(device)), test, ModelZoo.Recipe(loaded.Name).Objective, parse.GetValue(batchSize));
            if (parse.GetValue(json))
            {
                Console.WriteLine(new JsonObject
                {
                    ["model"] = loaded.Name,
                    ["checkpoint"] = path,
                    ["data"] = dataOptions.Data,
                    ["examples"] = metrics.Examples,
                    ["test_loss"] = metrics.Loss,
                    ["test_accuracy"] = metrics.Accuracy,
                    ["test_error"] = metrics.Error,
                    ["seconds"] = Math.Round(metrics.Seconds, 2),
                    ["examples_per_second"] = Math.Round(metrics.ExamplesPerSecond, 1),
                }.ToJsonString());
            }
            else
            {
                var table = new Table().AddColumns("model", "data", "examples", "test loss", "test acc", "test error", "seconds");
                table.AddRow(Markup.Escape(loaded.Name), dataOptions.Data, metrics.Examples.ToString(CultureInfo.InvariantCulture),
                    metrics.Loss.ToString("F4", CultureInfo.InvariantCulture), metrics.Accuracy.ToString("P2", CultureInfo.InvariantCulture),
                    metrics.Error.ToString("P2", CultureInfo.InvariantCulture), metrics.Seconds.ToString("F1", CultureInfo.InvariantCulture));
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }
}
