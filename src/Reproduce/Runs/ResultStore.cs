using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scratch.Reproduce;

/// <summary>Each experiment's result as DIR/results/NAME.json, written atomically; a cached result counts only for the same preset.</summary>
internal static class ResultStore
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string PathOf(string outputDirectory, string name) => Path.Combine(outputDirectory, "results", $"{name}.json");

    /// <summary>The cached result of <paramref name="name"/> under <paramref name="preset"/>, or null (none, another preset, or unreadable).</summary>
    public static ExperimentResult? TryLoad(string outputDirectory, string name, string preset)
    {
        var path = PathOf(outputDirectory, name);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var result = new ExperimentResult(
                (string)node["name"]!, (string)node["paper"]!, (string)node["title"]!, (string)node["markdown"]!,
                node["numbers"]!.AsObject().DeepClone().AsObject(),
                node["figures"]!.AsArray().Select(f => (string)f!).ToArray(), (double)node["seconds"]!, (string)node["preset"]!);
            return result.Preset == preset && result.Name == name ? result : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }

    public static void Save(string outputDirectory, ExperimentResult result)
    {
        var node = ToJson(result);
        var path = PathOf(outputDirectory, result.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, node.ToJsonString(Indented));
    }

    public static JsonObject ToJson(ExperimentResult result) => new()
    {
        ["name"] = result.Name,
        ["paper"] = result.Paper,
        ["title"] = result.Title,
        ["preset"] = result.Preset,
        ["seconds"] = Math.Round(result.Seconds, 2),
        ["numbers"] = result.Numbers.DeepClone(),
        ["figures"] = new JsonArray(result.Figures.Select(f => (JsonNode)f).ToArray()),
        ["markdown"] = result.Markdown,
    };
}
