using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Scratch.IO;

namespace Scratch.Nn.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face, github.com/huggingface/safetensors):
/// <code>
/// [8 bytes]  N, the header length, unsigned little-endian
/// [N bytes]  UTF-8 JSON object: { "__metadata__": {str: str}, name: {"dtype": "F32", "shape": [..], "data_offsets": [b, e]}, ... }
///            padded with spaces so that 8 + N is a multiple of 8
/// [rest]     the data section: each tensor's raw little-endian row-major bytes at [b, e) relative to its start
/// </code>
/// Writes are atomic (<see cref="OutputFile.WriteAtomically"/>: a temporary file in the target folder,
/// flushed, then renamed over the target), so a failed save leaves the previous file, or none, and never
/// a half-written one. Reads open regular files only (<see cref="InputFile"/>), read the header first
/// and validate every field by the reference reader's rules (see <see cref="SafeTensorsHeader"/>) before
/// anything else is allocated, then stream each tensor's bytes straight into its array, so a file of any
/// size within the limit loads. Every fault is an <see cref="InvalidDataException"/> naming the file,
/// the tensor and the fault. We support the dtypes F32, F64 and I32 (our tensor dtypes).
/// </summary>
public static class SafeTensors
{
    /// <summary>The reserved header key that holds string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest file <see cref="Load"/> reads unless told otherwise: 4 GiB (our largest checkpoint, maxout's, is 7 MB).</summary>
    public const long DefaultMaxBytes = 4L << 30;

    /// <summary>Writes <paramref name="tensors"/> (in ordinal name order) and <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="ArgumentException">A name is empty or reserved.</exception>
    /// <exception cref="IOException">The file cannot be written (the path is a directory or a device, its folder is missing, its name too long, the disk full); nothing is left at <paramref name="path"/> that was not there before.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder does not accept new files.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        RequireLittleEndian("writing");
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
        OutputFile.WriteAtomically(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var (_, tensor) in entries)
            {
                stream.Write(Bytes(tensor));
            }
        });
    }

    /// <summary>Reads a safetensors file, validating every header field before reading any tensor.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest file to read (default <see cref="DefaultMaxBytes"/>).</param>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The path is not a regular file of at most <paramref name="maxBytes"/> bytes, or not a valid safetensors file of supported dtypes; the message names the file, the tensor and the fault.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static SafeTensorsContent Load(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireLittleEndian("reading");
        using var stream = InputFile.OpenRead(path, "safetensors file", minBytes: 8, maxBytes);
        var fileLength = stream.Length;
        try
        {
            Span<byte> prefix = stackalloc byte[8];
            stream.ReadExactly(prefix);
            var headerLength = SafeTensorsHeader.CheckLength(path, BinaryPrimitives.ReadUInt64LittleEndian(prefix), fileLength);
            var json = new byte[headerLength];
            stream.ReadExactly(json);
            var header = SafeTensorsHeader.Parse(path, json, fileLength - 8 - headerLength);
            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            // The entries are in data-offset order and contiguous from 0, so the data section is read front to back.
            foreach (var entry in header.Entries)
            {
                tensors[entry.Name] = ReadTensor(stream, entry);
            }
            return new SafeTensorsContent(tensors, header.Metadata);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"safetensors file '{path}' ended early: it shrank while being read (it was {fileLength} bytes when opened)");
        }
    }

    private static Tensor ReadTensor(Stream stream, SafeTensorsEntry entry) => entry.DType switch
    {
        DType.Float32 => Read<float>(stream, entry, Tensor.Wrap),
        DType.Float64 => Read<double>(stream, entry, Tensor.Wrap),
        _ => Read<int>(stream, entry, Tensor.Wrap),
    };

    private static Tensor Read<T>(Stream stream, SafeTensorsEntry entry, Func<T[], int[], Tensor> wrap) where T : unmanaged
    {
        var values = new T[entry.ElementCount];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        // Wrap reads an empty shape as "one dimension of the array's length", so a scalar goes through FromSpan.
        return entry.Shape.Length == 0 ? Tensor.FromSpan<T>(values, Shape.Scalar) : wrap(values, entry.Shape);
    }

    private static void RequireLittleEndian(string what)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException($"SafeTensors: {what} needs a little-endian host");
        }
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
