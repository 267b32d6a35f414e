using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Scratch.Nn.Checkpoints;

/// <summary>One tensor's header entry, validated.</summary>
internal sealed record SafeTensorsEntry(string Name, DType DType, int[] Shape, long Begin, long End);

/// <summary>
/// The parsed and validated header of a safetensors file. Checks, each failing with an
/// <see cref="InvalidDataException"/> that names the file, the tensor and the fault:
/// the file has at least 8 bytes; the header length N satisfies 2 ≤ N ≤ file length − 8 and
/// N ≤ 100,000,000 (the reference reader's limit); the header is UTF-8 JSON holding one object;
/// no key appears twice (at the top level or inside an entry); "__metadata__" maps strings to strings;
/// every other key is a tensor entry with exactly the fields dtype (F32, F64 or I32), shape (integers
/// ≥ 0, at most 2³¹ − 1 elements) and data_offsets ([b, e] integers with 0 ≤ b ≤ e ≤ data length and
/// e − b = prod(shape) × dtype size); and no two entries' ranges overlap.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private const long MaxHeaderLength = 100_000_000;

    private SafeTensorsHeader(long headerLength, IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        HeaderLength = headerLength;
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>N, the length of the JSON header in bytes.</summary>
    public long HeaderLength { get; }

    /// <summary>The tensor entries in file order.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The string metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The safetensors name of a dtype.</summary>
    public static string DTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int32 => "I32",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "no safetensors name"),
    };

    /// <summary>Parses and validates the header of the file <paramref name="path"/> whose bytes are <paramref name="file"/>.</summary>
    public static SafeTensorsHeader Parse(string path, byte[] file)
    {
        InvalidDataException Fault(string message) => new($"safetensors file '{path}': {message}");
        if (file.Length < 8)
        {
            throw Fault($"the file is {file.Length} bytes; a safetensors file starts with an 8-byte header length");
        }
        var n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (n < 2 || n > (ulong)(file.Length - 8) || n > MaxHeaderLength)
        {
            throw Fault($"the header length {n} is not between 2 and min(file length − 8 = {file.Length - 8}, {MaxHeaderLength}) (truncated or not a safetensors file)");
        }
        var dataLength = file.Length - 8 - (long)n;
        JsonDocument document;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file, 8, (int)n);
            document = JsonDocument.Parse(text);
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            throw Fault($"the header is not valid UTF-8 JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Fault($"the header is a JSON {document.RootElement.ValueKind}, not an object");
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw Fault($"the key '{property.Name}' appears twice in the header");
                }
                if (property.Name == SafeTensors.MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, Fault);
                }
                else
                {
                    entries.Add(ReadEntry(property.Name, property.Value, dataLength, m => Fault($"tensor '{property.Name}': {m}")));
                }
            }
            RequireDisjoint(entries, Fault);
            return new SafeTensorsHeader((long)n, entries, metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, Func<string, InvalidDataException> fault)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw fault($"\"{SafeTensors.MetadataKey}\" is a JSON {value.ValueKind}, not an object of strings");
        }
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw fault($"metadata '{item.Name}' is a JSON {item.Value.ValueKind}; metadata values must be strings");
            }
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw fault($"metadata key '{item.Name}' appears twice");
            }
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonElement value, long dataLength, Func<string, InvalidDataException> fault)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw fault($"the entry is a JSON {value.ValueKind}, not an object with dtype, shape and data_offsets");
        }
        JsonElement? dtypeField = null, shapeField = null, offsetsField = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtypeField is null: dtypeField = field.Value; break;
                case "shape" when shapeField is null: shapeField = field.Value; break;
                case "data_offsets" when offsetsField is null: offsetsField = field.Value; break;
                case "dtype" or "shape" or "data_offsets": throw fault($"the field '{field.Name}' appears twice");
                default: throw fault($"unknown field '{field.Name}' (expected dtype, shape, data_offsets)");
            }
        }
        if (dtypeField is null || shapeField is null || offsetsField is null)
        {
            throw fault("the entry lacks one of dtype, shape, data_offsets");
        }
        var dtype = dtypeField.Value.ValueKind == JsonValueKind.String
            ? dtypeField.Value.GetString() switch
            {
                "F32" => DType.Float32,
                "F64" => DType.Float64,
                "I32" => DType.Int32,
                var other => throw fault($"unsupported dtype '{other}' (supported: F32, F64, I32)"),
            }
            : throw fault($"dtype is a JSON {dtypeField.Value.ValueKind}, not a string");
        var shape = Integers(shapeField.Value, "shape", fault);
        long count = 1;
        foreach (var d in shape)
        {
            if (d > int.MaxValue)
            {
                throw fault($"shape [{string.Join(", ", shape)}] has a dimension above {int.MaxValue}");
            }
            count *= d;
            if (count > int.MaxValue)
            {
                throw fault($"shape [{string.Join(", ", shape)}] has more than {int.MaxValue} elements");
            }
        }
        var offsets = Integers(offsetsField.Value, "data_offsets", fault);
        if (offsets.Length != 2)
        {
            throw fault($"data_offsets has {offsets.Length} numbers; expected [begin, end]");
        }
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin > end)
        {
            throw fault($"data_offsets [{begin}, {end}] has begin > end");
        }
        var expected = count * dtype.ElementSize();
        if (end - begin != expected)
        {
            throw fault($"data_offsets [{begin}, {end}] span {end - begin} bytes, but shape [{string.Join(", ", shape)}] of {DTypeName(dtype)} needs {expected}");
        }
        if (end > dataLength)
        {
            throw fault($"data_offsets [{begin}, {end}] run past the data section of {dataLength} bytes (the file is truncated or the offsets are wrong)");
        }
        return new SafeTensorsEntry(name, dtype, shape.Select(d => (int)d).ToArray(), begin, end);
    }

    private static long[] Integers(JsonElement value, string field, Func<string, InvalidDataException> fault)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw fault($"{field} is a JSON {value.ValueKind}, not an array of integers");
        }
        var result = new long[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v) || v < 0)
            {
                throw fault($"{field}[{i}] = {item.GetRawText()} is not a non-negative integer");
            }
            result[i++] = v;
        }
        return result;
    }

    private static void RequireDisjoint(List<SafeTensorsEntry> entries, Func<string, InvalidDataException> fault)
    {
        // Empty tensors occupy no bytes and cannot overlap anything.
        var sorted = entries.Where(e => e.End > e.Begin).OrderBy(e => e.Begin).ToList();
        for (var k = 1; k < sorted.Count; k++)
        {
            if (sorted[k].Begin < sorted[k - 1].End)
            {
                throw fault($"tensors '{sorted[k - 1].Name}' [{sorted[k - 1].Begin}, {sorted[k - 1].End}) and '{sorted[k].Name}' [{sorted[k].Begin}, {sorted[k].End}) overlap");
            }
        }
    }
}
