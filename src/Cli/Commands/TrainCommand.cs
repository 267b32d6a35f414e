using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Scratch.Cli.Parsing;
using Scratch.Nn;
using Scratch.Nn.Training;
using Spectre.Console;

namespace Scratch.Cli.Commands;

/// <summary><c>scratch train</c>: trains a zoo model on MNIST or Fashion-MNIST, evaluates it and writes a safetensors checkpoint.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "Model-zoo name (logreg, fc10, fc100-100-10, conv, maxout, ...).", Required = true };
        var data = CliOptions.Choice("--data", "The data set.", "mnist", "mnist", "fashion-mnist");
        var classes = CliOptions.Classes("--classes", "Keep only these classes, relabelled 0, 1, ... (default: the model's recipe; logreg, one logit: 3,7, and exactly two).");
        var epochs = CliOptions.OptionalInteger("--epochs", "Number of epochs (default: the model's recipe).", v => v >= 1, "an integer >= 1");
        var batchSize = CliOptions.OptionalInteger("--batch-size", "Examples per mini-batch (default: the model's recipe).", v => v >= 1, "an integer >= 1");
        var lr = CliOptions.OptionalReal("--lr", "Base learning rate (default: the model's recipe).", v => v > 0, "a number > 0");
        var optimizer = CliOptions.OptionalChoice("--optimizer", "The optimizer (default: the model's recipe).", "sgd", "adam");
        var momentum = CliOptions.OptionalReal("--momentum", "SGD momentum, constant; replaces the recipe's momentum and its ramp (maxout: 0.5 -> 0.7).", v => v is >= 0 and < 1, "a number in [0, 1)");
        var weightDecay = CliOptions.OptionalReal("--weight-decay", "L2 weight decay applied by the optimizer (default: the model's recipe).", v => v >= 0, "a number >= 0");
        var schedule = CliOptions.OptionalChoice("--schedule", "Learning-rate schedule (default: the model's recipe).", "constant", "step", "cosine");
        var maxNorm = CliOptions.OptionalReal("--max-norm", "Max norm of each unit's incoming weights after every step (default: the model's recipe; maxout: 1.9365).", v => v > 0, "a number > 0");
        var seed = CliOptions.UnsignedInteger("--seed", "Seed of the initial weights and the example order.", 0);
        var trainSize = CliOptions.OptionalInteger("--train-size", "Train on the first N training examples only.", v => v >= 1, "an integer >= 1");
        var testSize = CliOptions.OptionalInteger("--test-size", "Evaluate on the first N test examples only.", v => v >= 1, "an integer >= 1");
        var device = CliOptions.Device("--device", "The device to train on.");
        var dataDir = new Option<string?>("--data-dir") { Description = "Data cache folder (default: $SCRATCH_DATA_DIR or ~/.cache/scratch)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the trained model to this safetensors file (its folder must exist)." };
        var json = new Option<bool>("--json") { Description = "Print the final metrics as one JSON object (no progress output)." };
        var command = new Command("train", "Train a model-zoo network with its paper recipe (options override it) and report its test error.")
        {
            model, data, classes, epochs, batchSize, lr, optimizer, momentum, weightDecay, schedule, maxNorm, seed,
            trainSize, testSize, device, dataDir, output, json,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(model)!;
            var recipe = ZooOptions.Recipe(name);
            var givenClasses = parse.GetValue(classes) ?? [];
            var givenMomentum = parse.GetValue(momentum);
            recipe = recipe with
            {
                Classes = givenClasses.Length > 0 ? givenClasses : recipe.Classes,
                Epochs = parse.GetValue(epochs) ?? recipe.Epochs,
                BatchSize = parse.GetValue(batchSize) ?? recipe.BatchSize,
                LearningRate = parse.GetValue(lr) ?? recipe.LearningRate,
                Optimizer = ParseOptimizer(parse.GetValue(optimizer)) ?? recipe.Optimizer,
                Momentum = givenMomentum ?? recipe.Momentum,
                MomentumRamp = givenMomentum is null ? recipe.MomentumRamp : null,
                WeightDecay = parse.GetValue(weightDecay) ?? recipe.WeightDecay,
                Schedule = ParseSchedule(parse.GetValue(schedule)) ?? recipe.Schedule,
                MaxNorm = parse.GetValue(maxNorm) ?? recipe.MaxNorm,
            };
            var config = new TrainConfig
            {
                Model = name,
                Recipe = recipe,
                Seed = parse.GetValue(seed),
                Device = parse.GetValue(device),
            };
            var dataOptions = new DataOptions(parse.GetValue(data)!, recipe.Classes, parse.GetValue(trainSize), parse.GetValue(testSize), parse.GetValue(dataDir));
            config.Validate();
            dataOptions.Validate();
            if (dataOptions.Directory is { } folder)
            {
                PathChecks.FolderIfPresent("--data-dir", folder);
            }
            var path = parse.GetValue(output);
            if (path is not null)
            {
                PathChecks.OutputFile("--out", path);
            }
            if (GlobalOptions.StopAfterValidation(parse))
            {
                return 0;
            }
            var asJson = parse.GetValue(json);
            var report = asJson
                ? Train(config, dataOptions, Console.Error.WriteLine, null, null)
                : RunWithProgress(config, dataOptions);
            if (path is not null)
            {
                report.Model.Save(path, config.Model, CheckpointMetadata.Of(report, dataOptions));
            }
            if (asJson)
            {
                Console.WriteLine(new JsonObject
                {
                    ["model"] = config.Model,
                    ["data"] = dataOptions.Data,
                    ["epochs"] = recipe.Epochs,
                    ["train_loss"] = report.LastEpoch.Loss,
                    ["train_accuracy"] = report.LastEpoch.Accuracy,
                    ["test_loss"] = report.Test.Loss,
                    ["test_accuracy"] = report.Test.Accuracy,
                    ["test_error"] = report.Test.Error,
                    ["seconds"] = Math.Round(report.TrainSeconds, 2),
                    ["examples_per_second"] = Math.Round(report.ExamplesPerSecond, 1),
                    ["seed"] = config.Seed,
                    ["checkpoint"] = path,
                }.ToJsonString());
            }
            else
            {
                PrintSummary(report, dataOptions, path);
            }
            return 0;
        });
        return command;
    }

    private static TrainReport Train(TrainConfig config, DataOptions data, Action<string> log, Action<BatchProgress>? progress, Action<EpochReport>? epochDone)
    {
        var (train, test) = data.Load(log);
        return TrainingRun.Run(config, train, test, progress, epochDone);
    }

    private static TrainReport RunWithProgress(TrainConfig config, DataOptions data)
    {
        TrainReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask? task = null;
                report = Train(
                    config,
                    data,
                    line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"),
                    p =>
                    {
                        var title = EpochTitle(config, p.Phase, p.Epoch);
                        task ??= ctx.AddTask(title, maxValue: p.Batches);
                        task.Value = p.Batch;
                        task.Description = p.Phase == TrainingPhase.Pretraining
                            ? string.Create(CultureInfo.InvariantCulture, $"{title}  reconstruction loss {p.Loss:F4}  {p.ExamplesPerSecond:F0} ex/s")
                            : string.Create(CultureInfo.InvariantCulture, $"{title}  loss {p.Loss:F4}  acc {p.Accuracy:P2}  {p.ExamplesPerSecond:F0} ex/s");
                    },
                    e =>
                    {
                        task?.Increment(task.MaxValue - task.Value);
                        task = null;
                        var m = e.Metrics;
                        AnsiConsole.MarkupLine(e.Phase == TrainingPhase.Pretraining
                            ? string.Create(CultureInfo.InvariantCulture,
                                $"{EpochTitle(config, e.Phase, e.Epoch)}: reconstruction loss {m.Loss:F4}, {m.Seconds:F1} s, {m.ExamplesPerSecond:F0} examples/s")
                            : string.Create(CultureInfo.InvariantCulture,
                                $"{EpochTitle(config, e.Phase, e.Epoch)}: loss {m.Loss:F4}, accuracy {m.Accuracy:P2}, {m.Seconds:F1} s, {m.ExamplesPerSecond:F0} examples/s"));
                    });
            });
        return report!;
    }

    private static string EpochTitle(TrainConfig config, TrainingPhase phase, int epoch) => phase == TrainingPhase.Pretraining
        ? $"pretraining epoch {epoch + 1}/{config.Recipe.Pretraining!.Epochs}"
        : $"epoch {epoch + 1}/{config.Recipe.Epochs}";

    private static void PrintSummary(TrainReport report, DataOptions data, string? path)
    {
        var c = report.Config;
        var table = new Table().AddColumns("", "value").HideHeaders();
        table.AddRow("model", Markup.Escape(c.Model));
        table.AddRow("data", data.Data + (data.Classes is null ? "" : $" (classes {string.Join(",", data.Classes)})"));
        table.AddRow("recipe", Markup.Escape(c.Recipe.Describe()));
        if (report.Pretraining.Count > 0)
        {
            table.AddRow("pretraining reconstruction loss", F(report.Pretraining[^1].Loss, "F4"));
        }
        table.AddRow("epochs", c.Recipe.Epochs.ToString(CultureInfo.InvariantCulture));
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

    private static OptimizerKind? ParseOptimizer(string? text) => text switch
    {
        null => null,
        "sgd" => OptimizerKind.Sgd,
        "adam" => OptimizerKind.Adam,
        _ => throw new ArgumentException($"optimizer '{text}' is unknown; expected sgd or adam"),
    };

    private static LrScheduleKind? ParseSchedule(string? text) => text switch
    {
        null => null,
        "constant" => LrScheduleKind.Constant,
        "step" => LrScheduleKind.Step,
        "cosine" => LrScheduleKind.Cosine,
        _ => throw new ArgumentException($"schedule '{text}' is unknown; expected constant, step or cosine"),
    };
}
