using System.Diagnostics;
using System.Globalization;
using Scratch.Data.Sets;
using Scratch.Optim;

namespace Scratch.Nn.Training;

/// <summary>
/// A whole training run from a <see cref="TrainConfig"/>: load the data, build the model from the zoo,
/// train for the configured epochs and evaluate on the test set. This is what <c>scratch train</c> calls.
/// </summary>
public static class TrainingRun
{
    private const string ClassesKey = "classes";

    /// <summary>Runs <paramref name="config"/>.</summary>
    /// <param name="config">The run.</param>
    /// <param name="log">Receives a line when data is fetched, or null.</param>
    /// <param name="progress">Called after each mini-batch, or null.</param>
    /// <param name="epochDone">Called with the 0-based epoch and its metrics after each epoch, or null.</param>
    /// <exception cref="ArgumentException">The configuration is invalid or names an unknown model.</exception>
    /// <exception cref="DataNotFoundException">The data set is missing and could not be fetched.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainReport Run(TrainConfig config, Action<string>? log = null, Action<BatchProgress>? progress = null, Action<int, Metrics>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        // The model first: an unknown name fails before the data is read.
        var model = ModelZoo.Create(config.Model, new Generator(config.Seed)).To(config.Device);
        var (train, test) = LoadData(config, log);
        var optimizer = CreateOptimizer(config, model.Parameters());
        var constraint = config.MaxNorm is { } c ? new MaxNormConstraint(c) : null;
        var trainer = new Trainer(model, optimizer, config.Seed, CreateSchedule(config), constraint);
        var epochs = new List<Metrics>();
        var clock = Stopwatch.StartNew();
        for (var e = 0; e < config.Epochs; e++)
        {
            var metrics = trainer.TrainEpoch(train, config.BatchSize, progress);
            epochs.Add(metrics);
            epochDone?.Invoke(e, metrics);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new TrainReport(config, model, epochs, Trainer.Evaluate(model, test), seconds);
    }

    /// <summary>
    /// Evaluates <paramref name="model"/> on the test set of <paramref name="config"/> (its data, classes
    /// and test size) on the configured device.
    /// </summary>
    /// <exception cref="DataNotFoundException">The data set is missing and could not be fetched.</exception>
    /// <exception cref="ArgumentException">The model's input or output does not fit the data.</exception>
    public static Metrics Evaluate(Module model, TrainConfig config, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        var (_, test) = LoadData(config, log);
        return Trainer.Evaluate(model.To(config.Device), test, config.BatchSize);
    }

    /// <summary>The checkpoint metadata of a finished run: how it was trained and its test error.</summary>
    public static Dictionary<string, string> Metadata(TrainReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Config;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["data"] = c.Data,
            ["epochs"] = c.Epochs.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = c.Optimizer,
            ["lr"] = c.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = c.Seed.ToString(CultureInfo.InvariantCulture),
            ["test_error"] = report.Test.Error.ToString("R", CultureInfo.InvariantCulture),
        };
        if (c.Classes is { Count: > 0 })
        {
            metadata[ClassesKey] = string.Join(",", c.Classes);
        }
        return metadata;
    }

    /// <summary>The classes a checkpoint was trained on (metadata "classes", e.g. "3,7"), or null for all.</summary>
    /// <exception cref="InvalidDataException">The entry is not a comma-separated list of class numbers.</exception>
    public static int[]? ClassesOf(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(ClassesKey, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return text.Split(',').Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k)
            ? k
            : throw new InvalidDataException($"checkpoint metadata \"{ClassesKey}\" = '{text}' is not a list of class numbers")).ToArray();
    }

    /// <summary>The training and test sets of a configuration: its data set, restricted to its classes and sizes.</summary>
    /// <exception cref="DataNotFoundException">The data set is missing and could not be fetched.</exception>
    public static (ImageDataset Train, ImageDataset Test) LoadData(TrainConfig config, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (train, test) = config.Data == "fashion-mnist"
            ? FashionMnist.Load(config.DataDirectory)
            : Mnist.Load(config.DataDirectory, log);
        if (config.Classes is { Count: > 0 } classes)
        {
            train = train.WithClasses([.. classes]);
            test = test.WithClasses([.. classes]);
        }
        if (config.TrainSize is { } n && n < train.Count)
        {
            train = train.Range(0, n);
        }
        if (config.TestSize is { } m && m < test.Count)
        {
            test = test.Range(0, m);
        }
        return (train, test);
    }

    /// <summary>The optimizer a configuration names, over <paramref name="parameters"/>.</summary>
    public static Optimizer CreateOptimizer(TrainConfig config, IReadOnlyList<IParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Optimizer == "adam"
            ? new Adam(parameters, config.LearningRate, weightDecay: config.WeightDecay)
            : new Sgd(parameters, config.LearningRate, config.Momentum, weightDecay: config.WeightDecay);
    }

    /// <summary>The learning-rate schedule a configuration names.</summary>
    public static LrSchedule CreateSchedule(TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Schedule switch
        {
            "step" => new StepLr(Math.Max(1, (config.Epochs + 2) / 3), 0.1),
            "cosine" => new CosineLr(config.Epochs),
            _ => new ConstantLr(),
        };
    }
}
