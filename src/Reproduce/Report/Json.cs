using System.Text.Json.Nodes;

namespace Scratch.Reproduce;

/// <summary>JSON values for results.json: NaN and infinities (a mean over nothing) become null.</summary>
internal static class Json
{
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
