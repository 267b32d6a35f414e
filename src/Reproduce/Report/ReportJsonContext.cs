using System.Text.Json.Serialization;

namespace Scratch.Reproduce;

/// <summary>
/// The report's records serialized by generated code instead of reflection: results.json is written whole by a
/// native (ahead-of-time compiled) build too, where reflection over these records finds no properties (docs/startup.md).
/// </summary>
[JsonSerializable(typeof(Preset))]
[JsonSerializable(typeof(MachineInfo))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
