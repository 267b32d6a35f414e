using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scratch.Nn.Training;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary><c>scratch train</c>: trains a zoo model on MNIST or Fashion-MNIST, evaluates it and writes a safetensors checkpoint.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "Model-zoo name (logreg, fc10, fc100-100-10, conv, maxout, ...).", Required = true };
        var data = new Option<string>("--data") { Description = "mnist or fashion-mnist.", DefaultValueFactory = _ => "mnist" };
        var classes = new Option<string?>("--classes") { Description = "Keep only these classes, relabelled 0, 1, ... (e.g. 3,7 for logistic regression)." };
        var epochs = new Option<int>("--epochs") { Description = "Number of epochs.", DefaultValueFactory = _ => 10 };
        var batchSize = new Option<int>("--batch-size") { Description = "Examples per mini-batch.", DefaultValueFactory = _ => 128 };
        var lr = new Option<double>("--lr") { Description = "Base learning rate.", DefaultValueFactory = _ => 0.1 };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd or adam.", DefaultValueFactory = _ => "sgd" };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum.", DefaultValueFactory = _ => 0.9 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "L2 weight decay applied by the optimizer.", DefaultValueFactory = _ => 0 };
        var schedule = new Option<string>("--schedule") { Description = "Learning-rate schedule: constant, step or cosine.", DefaultValueFactory = _ => "constant" };
        var maxNorm = new Option<double?>("--max-norm") { Description = "Max norm of each unit's incoming weights after every step (maxout: 1.9365)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights and the example order.", DefaultValueFactory = _ => 0 };
        var trainSize = new Option<int?>("--train-size") { Description = "Train on the first N training examples only." };
        var testSize = new Option<int?>("--test-size") { Description = "Evaluate on the first N test examples only." };
        var device = new Option<string>("--device") { Description = "cpu, reference, ilgpu-cpu or gpu.", DefaultValueFactory = _ => "cpu" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Data cache folder (default: $SCRATCH_DATA_DIR or ~/.cache/scratch)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the trained model to this safetensors file." };
        var json = new Option<bool>("--json") { Description = "Print the final metrics as one JSON object (no progress output)." };
        var command = new Command("train", "Train a model-zoo network and report its test error.")
        {
            model, data, classes, epochs, batchSize, lr, optimizer, momentum, weightDecay, schedule, maxNorm, seed,
            trainSize, testSize, device, dataDir, output, json,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var config = new TrainConfig
            {
                Model = parse.GetValue(model)!,
                Data = parse.GetValue(data)!,
                Classes = ParseClasses(parse.GetValue(classes)),
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(lr),
                Optimizer = parse.GetValue(optimizer)!,
                Momentum = parse.GetValue(momentum),
                WeightDecay = parse.GetValue(weightDecay),
                Schedule = parse.GetValue(schedule)!,
                MaxNorm = parse.GetValue(maxNorm),
                Seed = parse.GetValue(seed),
                TrainSize = parse.GetValue(trainSize),
                TestSize = parse.GetValue(testSize),
                Device = Device.Parse(parse.GetValue(device)!),
                DataDirectory = parse.GetValue(dataDir),
            };
            config.Validate();
            var asJson = parse.GetValue(json);
            var report = asJson ? TrainingRun.Run(config, Console.Error.WriteLine) : RunWithProgress(config);
            var path = parse.GetValue(output);
            if (path is not null)
            {
                report.Model.Save(path, config.Model, TrainingRun.Metadata(report));
            }
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = config.Model,
                    data = config.Data,
                    epochs = config.Epochs,
                    train_loss = report.LastEpoch.Loss,
                    train_accuracy = report.LastEpoch.Accuracy,
                    test_loss = report.Test.Loss,
                    test_accuracy = report.Test.Accuracy,
                    test_error = report.Test.Error,
                    seconds = Math.Round(report.TrainSeconds, 2),
                    examples_per_second = Math.Round(report.ExamplesPerSecond, 1),
                    seed = config.Seed,
                    checkpoint = path,
                }));
            }
            else
            {
                PrintSummary(report, path);
            }
            return 0;
        }));
        return command;
    }

    private static TrainReport RunWithProgress(TrainConfig config)
    {
        TrainReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask? task = null;
                report = TrainingRun.Run(
                    config,
                    line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"),
                    p =>
                    {
                        task ??= ctx.AddTask($"epoch {p.Epoch + 1}/{config.Epochs}", maxValue: p.Batches);
                        task.Value = p.Batch;
                        task.Description = string.Create(CultureInfo.InvariantCulture,
                            $"epoch {p.Epoch + 1}/{config.Epochs}  loss {p.Loss:F4}  acc {p.Accuracy:P2}  {p.ExamplesPerSecond:F0} ex/s");
                    },
                    (e, m) =>
                    {
                        task?.Increment(task.MaxValue - task.Value);
                        task = null;
                        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                            $"epoch {e + 1}/{config.Epochs}: loss {m.Loss:F4}, accuracy {m.Accuracy:P2}, {m.Seconds:F1} s, {m.ExamplesPerSecond:F0} examples/s"));
                    });
            });
        return report!;
    }

    private static void PrintSummary(TrainReport report, string? path)
    {
        var c = report.Config;
        var table = new Table().AddColumns("", "value").HideHeaders();
        table.AddRow("model", Markup.Escape(c.Model));
        table.AddRow("data", c.Data + (c.Classes is null ? "" : $" (classes {string.Join(",", c.Classes)})"));
        table.AddRow("epochs", c.Epochs.ToString(CultureInfo.InvariantCulture));
        table.AddRow("train loss / accuracy", $"{F(report.LastEpoch.Loss, "F4")} / {F(report.LastEpoch.Accuracy, "P2")}");
        table.AddRow("test loss / accuracy", $"{F(report.Test.Loss, "F4")} / {F(report.Test.Accuracy, "P2")}");
        table.AddRow("[bold]test error[/]", $"[bold]{F(report.Test.Error, "P2")}[/]");
        table.AddRow("training time", $"{F(report.TrainSeconds, "F1")} s ({F(report.ExamplesPerSecond, "F0")} examples/s)");
        AnsiConsole.Write(table);
        if (path is not null)
        {
            AnsiConsole.MarkupLine($"saved to [bold]{Markup.Escape(path)}[/]");
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static int[]? ParseClasses(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k >= 0
                ? k
                : throw new ArgumentException($"--classes: '{s}' is not a class number; expected a list like 3,7"))
            .ToArray();
    }
}
