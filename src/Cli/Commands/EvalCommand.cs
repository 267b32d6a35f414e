using System.CommandLine;
using System.Globalization;
using System.Text.Json;
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
        var data = new Option<string>("--data") { Description = "mnist or fashion-mnist.", DefaultValueFactory = _ => "mnist" };
        var classes = new Option<string?>("--classes") { Description = "Keep only these classes (default: those the model was trained on)." };
        var testSize = new Option<int?>("--test-size") { Description = "Evaluate on the first N test examples only." };
        var batchSize = new Option<int>("--batch-size") { Description = "Examples per batch.", DefaultValueFactory = _ => 1000 };
        var device = new Option<string>("--device") { Description = "cpu, reference, ilgpu-cpu or gpu.", DefaultValueFactory = _ => "cpu" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Data cache folder." };
        var json = new Option<bool>("--json") { Description = "Print the metrics as one JSON object." };
        var command = new Command("eval", "Evaluate a saved model on the test set.") { model, data, classes, testSize, batchSize, device, dataDir, json };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var path = parse.GetValue(model)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"checkpoint '{path}' does not exist");
            }
            var loaded = ModelZoo.LoadCheckpoint(path);
            var recipe = ModelZoo.Recipe(loaded.Name);
            var kept = TrainCommand.ParseClasses(parse.GetValue(classes)) ?? CheckpointMetadata.ClassesOf(loaded.Metadata) ?? recipe.Classes;
            var dataOptions = new DataOptions(parse.GetValue(data)!, kept, null, parse.GetValue(testSize), parse.GetValue(dataDir));
            var batch = parse.GetValue(batchSize);
            if (batch < 1)
            {
                throw new ArgumentException($"batch size = {batch}; expected >= 1");
            }
            var target = Device.Parse(parse.GetValue(device)!);
            var (_, test) = dataOptions.Load(Console.Error.WriteLine);
            var metrics = Trainer.Evaluate(loaded.Model.To(target), test, recipe.Objective, batch);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = loaded.Name,
                    checkpoint = path,
                    data = dataOptions.Data,
                    examples = metrics.Examples,
                    test_loss = metrics.Loss,
                    test_accuracy = metrics.Accuracy,
                    test_error = metrics.Error,
                    seconds = Math.Round(metrics.Seconds, 2),
                    examples_per_second = Math.Round(metrics.ExamplesPerSecond, 1),
                }));
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
        }));
        return command;
    }
}
