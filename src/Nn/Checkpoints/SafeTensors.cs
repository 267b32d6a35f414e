using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Scratch.Nn.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face, github.com/huggingface/safetensors):
/// <code>
/// [8 bytes]  N, the header length, unsigned little-endian
/// [N bytes]  UTF-8 JSON object: { "__metadata__": {str: str}, name: {"dtype": "F32", "shape": [..], "data_offsets": [b, e]}, ... }
///            padded with spaces so that 8 + N is a multiple of 8
/// [rest]     the data section: each tensor's raw little-endian row-major bytes at [b, e) relative to its start
/// </code>
/// Writes are atomic (a temporary file in the target folder, flushed, then renamed over the target),
/// so a failed save leaves the previous file, or none, and never a half-written one. Reads validate
/// every header field (see <see cref="SafeTensorsHeader"/>) and fail with an
/// <see cref="InvalidDataException"/> naming the file, the tensor and the fault.
/// We support the dtypes F32, F64 and I32 (our tensor dtypes).
/// </summary>
public static class SafeTensors
{
    /// <summary>The reserved header key that holds string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Writes <paramref name="tensors"/> (in ordinal name order) and <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="ArgumentException">A name is empty or reserved.</exception>
    /// <exception cref="IOException">The file cannot be written; nothing is left at <paramref name="path"/> that was not there before.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("SafeTensors: writing needs a little-endian host");
        }
        var entries = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, tensor) in entries)
        {
            if (string.IsNullOrEmpty(name) || name == MetadataKey)
            {
                throw new ArgumentException($"SafeTensors.Save {path}: tensor name '{name}' is empty or reserved", nameof(tensors));
            }
            ArgumentNullException.ThrowIfNull(tensor, name);
        }
        var header = Header(entries, metadata);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                stream.Write(length);
                stream.Write(header);
                foreach (var (_, tensor) in entries)
                {
                    stream.Write(Bytes(tensor));
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Reads a safetensors file, validating every header field.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file of supported dtypes; the message names the file, the tensor and the fault.</exception>
    public static SafeTensorsContent Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = File.ReadAllBytes(path);
        var header = SafeTensorsHeader.Parse(path, bytes);
        var data = bytes.AsSpan(8 + (int)header.HeaderLength);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in header.Entries)
        {
            var span = data[(int)entry.Begin..(int)entry.End];
            var shape = new Shape(entry.Shape);
            tensors[entry.Name] = entry.DType switch
            {
                DType.Float32 => Tensor.FromSpan<float>(MemoryMarshal.Cast<byte, float>(span), shape),
                DType.Float64 => Tensor.FromSpan<double>(MemoryMarshal.Cast<byte, double>(span), shape),
                _ => Tensor.FromSpan<int>(MemoryMarshal.Cast<byte, int>(span), shape),
            };
        }
        return new SafeTensorsContent(tensors, header.Metadata);
    }

    // The JSON header: "__metadata__" first, then the tensors with consecutive data offsets, padded
    // with spaces so that the data section starts 8-byte aligned (as the reference writer does).
    private static byte[] Header(IReadOnlyList<KeyValuePair<string, Tensor>> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in entries)
            {
                var size = (long)tensor.ElementCount * tensor.DType.ElementSize();
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorsHeader.DTypeName(tensor.DType));
                json.WriteStartArray("shape");
                foreach (var d in tensor.Shape)
                {
                    json.WriteNumberValue(d);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + size);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += size;
            }
            json.WriteEndObject();
        }
        var length = (int)buffer.Length;
        var padded = (length + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.GetBuffer().AsSpan(0, length).CopyTo(header);
        header.AsSpan(length).Fill((byte)' ');
        return header;
    }

    private static byte[] Bytes(Tensor tensor) => tensor.DType switch
    {
        DType.Float32 => MemoryMarshal.AsBytes(tensor.ToArray<float>().AsSpan()).ToArray(),
        DType.Float64 => MemoryMarshal.AsBytes(tensor.ToArray<double>().AsSpan()).ToArray(),
        _ => MemoryMarshal.AsBytes(tensor.ToArray<int>().AsSpan()).ToArray(),
    };
}
