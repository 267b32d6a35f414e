using System.Text;
using System.Text.Json;

namespace Scratch.Nn.Checkpoints;

/// <summary>One tensor's header entry, validated: its data lies at [Begin, End) of the data section.</summary>
internal sealed record SafeTensorsEntry(string Name, DType DType, int[] Shape, long Begin, long End)
{
    /// <summary>The number of elements, prod(Shape) (at most 2³¹ − 1, checked on parsing).</summary>
    public int ElementCount => (int)((End - Begin) / DType.ElementSize());
}

/// <summary>
/// The parsed and validated header of a safetensors file, held to the rules of the format's reference
/// reader (huggingface/safetensors, <c>SafeTensors::read_metadata</c> and <c>Metadata::validate</c>).
/// Checks, each failing with an <see cref="InvalidDataException"/> that names the file, the tensor and
/// the fault:
/// <list type="number">
/// <item>the header length N satisfies 2 ≤ N ≤ 100,000,000 (the reference's limit) and 8 + N ≤ file length;</item>
/// <item>the header is valid UTF-8 and one JSON object, whose strings hold no lone surrogate escape
/// (<c>"\ud800"</c>; the reference's JSON parser rejects them too) and in which no key appears twice;</item>
/// <item>"__metadata__" maps strings to strings;</item>
/// <item>every other key is a tensor entry with exactly the fields dtype (F32, F64 or I32), shape
/// (integers ≥ 0, each at most 2³¹ − 1, at most 2³¹ − 1 elements) and data_offsets ([b, e], integers
/// with b ≤ e), where e − b = prod(shape) × dtype size;</item>
/// <item>sorted by offset, the entries tile the data section exactly: the first begins at 0, each
/// begins where the one before ends (no overlap, no hole), and the last ends at the end of the file.</item>
/// </list>
/// Stricter than the reference in two ways, both of which no writer produces: a repeated key and a
/// field other than dtype, shape and data_offsets are errors (the reference keeps the last value and
/// ignores the field).
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The reference reader's limit on the header length N.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The tensor entries in data-offset order.</summary>
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

    /// <summary>Checks the header length <paramref name="n"/> read from the first 8 bytes of a file of <paramref name="fileLength"/> bytes.</summary>
    /// <returns>N, which then fits an array.</returns>
    public static int CheckLength(string path, ulong n, long fileLength)
    {
        if (n < 2)
        {
            throw Fault(path, $"the header length {n} is too short for a JSON object (not a safetensors file)");
        }
        if (n > MaxHeaderLength)
        {
            throw Fault(path, $"the header length {n} is more than the format's limit of {MaxHeaderLength} bytes (not a safetensors file)");
        }
        if ((long)n > fileLength - 8)
        {
            throw Fault(path, $"the header length {n} runs past the end of the file of {fileLength} bytes (truncated or not a safetensors file)");
        }
        return (int)n;
    }

    /// <summary>Parses and validates the JSON header <paramref name="json"/> of a file whose data section has <paramref name="dataLength"/> bytes.</summary>
    public static SafeTensorsHeader Parse(string path, ReadOnlySpan<byte> json, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(json));
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            throw Fault(path, $"the header is not valid UTF-8 JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Fault(path, $"the header is a JSON {document.RootElement.ValueKind}, not an object");
            }
            try
            {
                return Read(path, document.RootElement, dataLength);
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json accepts an escaped lone surrogate while parsing and throws when the string is read.
                throw Fault(path, $"the header holds a JSON string that is not valid Unicode (an escaped lone surrogate such as \\ud800): {e.Message}");
            }
        }
    }

    private static InvalidDataException Fault(string path, string message) => new($"safetensors file '{path}': {message}");

    private static SafeTensorsHeader Read(string path, JsonElement root, long dataLength)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<SafeTensorsEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw Fault(path, $"the key '{property.Name}' appears twice in the header");
            }
            if (property.Name == SafeTensors.MetadataKey)
            {
                ReadMetadata(property.Value, metadata, m => Fault(path, m));
            }
            else
            {
                entries.Add(ReadEntry(property.Name, property.Value, dataLength, m => Fault(path, $"tensor '{property.Name}': {m}")));
            }
        }
        return new SafeTensorsHeader(Tile(entries, dataLength, m => Fault(path, m)), metadata);
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

    // The reference's Metadata::validate: sorted by (begin, end), the ranges start at 0, each begins
    // where the one before ends, and the last ends at the end of the data section.
    private static List<SafeTensorsEntry> Tile(List<SafeTensorsEntry> entries, long dataLength, Func<string, InvalidDataException> fault)
    {
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long end = 0;
        SafeTensorsEntry? previous = null;
        foreach (var entry in sorted)
        {
            if (entry.Begin < end)
            {
                throw fault($"tensors '{previous!.Name}' [{previous.Begin}, {previous.End}) and '{entry.Name}' [{entry.Begin}, {entry.End}) overlap");
            }
            if (entry.Begin > end)
            {
                throw fault($"bytes [{end}, {entry.Begin}) of the data section belong to no tensor (before '{entry.Name}'); the data offsets must tile the data section from 0 without holes");
            }
            end = entry.End;
            previous = entry;
        }
        if (end != dataLength)
        {
            throw fault($"the tensors end at byte {end} of the data section, which is {dataLength} bytes: the last {dataLength - end} bytes of the file belong to no tensor");
        }
        return sorted;
    }
}
