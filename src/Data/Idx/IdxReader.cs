using System.Buffers.Binary;
using System.IO.Compression;

namespace Scratch.Data.Idx;

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST), raw or gzip-compressed (detected by the
/// gzip magic bytes 1F 8B). The header is validated before any data is used: the magic's first two
/// bytes are zero, the type byte is known, there is at least one dimension and every size is
/// positive, and the data length equals prod(dims) × element size exactly.
/// </summary>
public static class IdxReader
{
    /// <summary>Reads and validates an IDX file.</summary>
    /// <exception cref="InvalidDataException">The file is truncated, has trailing bytes, a bad magic number or an unknown type; the message names the file and the fault.</exception>
    public static IdxArray Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var raw = new MemoryStream();
                gzip.CopyTo(raw);
                bytes = raw.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: corrupt gzip stream ({e.Message})", e);
            }
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses IDX bytes (already decompressed); <paramref name="source"/> names them in errors.</summary>
    public static IdxArray Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 4)
        {
            throw new InvalidDataException($"{source}: {bytes.Length} bytes is too short for an IDX header (4-byte magic number)");
        }
        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new InvalidDataException($"{source}: bad IDX magic number {bytes[0]:X2} {bytes[1]:X2} {bytes[2]:X2} {bytes[3]:X2}; expected 00 00 <type> <rank>");
        }
        var type = (IdxDataType)bytes[2];
        if (!Enum.IsDefined(type))
        {
            throw new InvalidDataException($"{source}: unknown IDX type byte 0x{bytes[2]:X2}; expected 08, 09, 0B, 0C, 0D or 0E");
        }
        int rank = bytes[3];
        var header = 4 + 4 * rank;
        if (rank == 0 || bytes.Length < header)
        {
            throw new InvalidDataException($"{source}: IDX header declares {rank} dimensions but the file has {bytes.Length} bytes (needs {header} for the header)");
        }
        var dims = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes[(4 + 4 * i)..]);
            if (dims[i] <= 0)
            {
                throw new InvalidDataException($"{source}: dimension {i} is {dims[i]}; expected a positive size");
            }
            count *= dims[i];
        }
        var expected = header + count * IdxArray.SizeOf(type);
        if (bytes.Length != expected)
        {
            throw new InvalidDataException(
                $"{source}: {(bytes.Length < expected ? "truncated" : "trailing bytes")}: the header [{string.Join(", ", dims)}] of {type} needs {expected} bytes, the file has {bytes.Length}");
        }
        return new IdxArray(type, dims, bytes[header..].ToArray());
    }
}
