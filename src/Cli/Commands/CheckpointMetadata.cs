using System.Globalization;
using Scratch.Nn.Training;

namespace Scratch.Cli.Commands;

/// <summary>What <c>train</c> writes into a checkpoint's metadata and <c>eval</c> reads back.</summary>
internal static class CheckpointMetadata
{
    private const string ClassesKey = "classes";

    /// <summary>How a finished run was trained, on which data, and its test error.</summary>
    public static Dictionary<string, string> Of(TrainReport report, DataOptions data)
    {
        var c = report.Config;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["data"] = data.Data,
            ["epochs"] = c.Recipe.Epochs.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = c.Recipe.Optimizer.ToString().ToLowerInvariant(),
            ["lr"] = c.Recipe.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = c.Seed.ToString(CultureInfo.InvariantCulture),
            ["test_error"] = report.Test.Error.ToString("R", CultureInfo.InvariantCulture),
        };
        if (data.Classes is { Count: > 0 })
        {
            metadata[ClassesKey] = string.Join(",", data.Classes);
        }
        return metadata;
    }

    /// <summary>The classes a checkpoint was trained on (metadata "classes", e.g. "3,7"), or null for all.</summary>
    /// <exception cref="InvalidDataException">The entry is not a comma-separated list of class numbers.</exception>
    public static int[]? ClassesOf(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(ClassesKey, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return text.Split(',').Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k)
            ? k
            : throw new InvalidDataException($"checkpoint metadata \"{ClassesKey}\" = '{text}' is not a list of class numbers")).ToArray();
    }
}
