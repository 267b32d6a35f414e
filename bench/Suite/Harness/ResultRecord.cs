using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scratch.BenchSuite.Harness;

/// <summary>
/// One measured case on one engine, one line of a results file (JSON lines, the schema bench/pytorch/suite.py
/// and bench/TorchSharp write too). Times are in seconds; <see cref="Flops"/> and <see cref="Bytes"/> are the
/// work of one run (0 when the case is reported as a time only).
/// </summary>
public sealed record ResultRecord
{
    /// <summary>The group: gemm, conv, elementwise, softmax, end-to-end.</summary>
    public required string Group { get; init; }

    /// <summary>The variant within the group that a plot line runs along (e.g. "float32, 1 thread").</summary>
    public required string Variant { get; init; }

    /// <summary>The case's name within its variant (e.g. "n = 1024").</summary>
    public required string Case { get; init; }

    /// <summary>The size a plot puts on its x axis.</summary>
    public double X { get; init; }

    /// <summary>The engine that ran it (scratch-v512, scratch-v256, reference, torchsharp, pytorch, numpy, scipy+pytorch, ...).</summary>
    public required string Engine { get; init; }

    /// <summary>Threads the engine was told to use.</summary>
    public int Threads { get; init; }

    /// <summary>Floating-point operations of one run (0: not a FLOP-bound case).</summary>
    public double Flops { get; init; }

    /// <summary>Bytes read and written by one run (0: not a bandwidth-bound case).</summary>
    public double Bytes { get; init; }

    /// <summary>The first call, timed apart (JIT, kernel compilation, first-touch allocation).</summary>
    public double FirstSeconds { get; init; }

    /// <summary>Every timed repetition after the warm-up.</summary>
    public double[] Seconds { get; init; } = [];

    /// <summary>The output's fingerprint (<see cref="Fingerprint"/>), or empty when the case has none.</summary>
    public double[] Print { get; init; } = [];

    /// <summary>The relative tolerance an engine checked against this record's fingerprint must meet.</summary>
    public double Tolerance { get; init; }

    /// <summary>"ok" (matched the engine checked against), "reference" (the one others are checked against), "unchecked", or "mismatch: ...".</summary>
    public string Check { get; init; } = "unchecked";

    /// <summary>A note shown under the table (e.g. iterations of an optimizer, a success rate).</summary>
    public string? Note { get; init; }

    /// <summary>The key a case has on every engine.</summary>
    [JsonIgnore]
    public string Key => $"{Group}|{Variant}|{Case}";

    /// <summary>Median of the timed repetitions.</summary>
    [JsonIgnore]
    public double Median => Stats.Median(Seconds);

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The record as one JSON line.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads every record of a JSON-lines file.</summary>
    /// <exception cref="InvalidDataException">A line is not a record; the message names the file and the line.</exception>
    public static List<ResultRecord> ReadAll(string path)
    {
        var records = new List<ResultRecord>();
        int number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                records.Add(JsonSerializer.Deserialize<ResultRecord>(line, Options)
                    ?? throw new InvalidDataException("null record"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: not a result record ({e.Message})", e);
            }
        }
        return records;
    }
}
