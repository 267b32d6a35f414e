using Scratch.IO;

namespace Scratch.Data.Idx;

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST), raw or gzip-compressed (detected by the
/// gzip magic bytes 1F 8B). Only regular files are opened (<see cref="InputFile"/>). The header is read
/// and validated first (<see cref="IdxHeader"/>: magic, type, rank, positive sizes, and a data length
/// computed with checked arithmetic and bounded by <c>maxBytes</c>); only then is the data allocated, at
/// exactly the declared length, and read. A raw file must be exactly header + data long, which is
/// checked before the data is read; a gzip file must inflate to exactly that many bytes (inflation
/// stops one byte past the declared length, so a small file that inflates to gigabytes costs nothing)
/// and its trailer must match (<see cref="GzipInput"/>).
/// </summary>
public static class IdxReader
{
    /// <summary>The default limit on the data of one file: 1 GiB (MNIST's training images are 47 MB).</summary>
    public const long DefaultMaxBytes = 1L << 30;

    // What a file may hold beyond its data: the header (at most 4 + 4 × 255 bytes) and, compressed, the
    // gzip framing and deflate's worst case on incompressible data (5 bytes per 16 KiB stored block).
    private static long MaxFileBytes(long maxBytes) => maxBytes + maxBytes / 64 + 1024 + 18;

    /// <summary>Reads and validates an IDX file.</summary>
    /// <param name="path">The file, raw or gzip.</param>
    /// <param name="maxBytes">The most bytes of data (prod(sizes) × element size) to accept, at most <see cref="Array.MaxLength"/>; the file itself may exceed it by its header and the gzip overhead only.</param>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The path is not a regular file, or the file is truncated, has trailing bytes, a bad magic number, an unknown type, declares more data than <paramref name="maxBytes"/>, or is corrupt gzip; the message names the file and the fault.</exception>
    public static IdxArray Read(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, Array.MaxLength);
        using var file = InputFile.OpenRead(path, "IDX file", minBytes: 0, MaxFileBytes(maxBytes));
        Span<byte> magic = stackalloc byte[2];
        var isGzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        file.Seek(0, SeekOrigin.Begin);
        if (!isGzip)
        {
            return ReadRaw(file, path, maxBytes);
        }
        using var gzip = GzipInput.Open(file, path);
        return ReadInflated(gzip, path, maxBytes);
    }

    private static IdxArray ReadRaw(FileStream file, string path, long maxBytes)
    {
        var header = IdxHeader.Read(file, path, maxBytes);
        var expected = header.Length + header.DataLength;
        if (file.Length != expected)
        {
            throw new InvalidDataException(
                $"{path}: {(file.Length < expected ? "truncated" : "trailing bytes")}: the header [{string.Join(", ", header.Dimensions)}] of {header.DataType} needs {expected} bytes, the file has {file.Length}");
        }
        var data = new byte[header.DataLength];
        try
        {
            file.ReadExactly(data);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: truncated while being read: it was {expected} bytes when opened");
        }
        return new IdxArray(header.DataType, header.Dimensions, data);
    }

    private static IdxArray ReadInflated(GzipInput gzip, string path, long maxBytes)
    {
        var header = IdxHeader.Read(gzip, path, maxBytes);
        var expected = header.Length + header.DataLength;
        var data = new byte[header.DataLength];
        var read = gzip.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
        {
            throw new InvalidDataException(
                $"{path}: truncated: the header [{string.Join(", ", header.Dimensions)}] of {header.DataType} needs {expected} bytes, the file inflates to {header.Length + read}");
        }
        if (gzip.ReadByte() >= 0)
        {
            throw new InvalidDataException(
                $"{path}: trailing bytes: the header [{string.Join(", ", header.Dimensions)}] of {header.DataType} needs {expected} bytes, the file inflates to more");
        }
        return new IdxArray(header.DataType, header.Dimensions, data);
    }
}
