using System.IO.Compression;

namespace Scratch.Data.Idx;

/// <summary>
/// The inflated bytes of a single-member gzip file (RFC 1952), checked where .NET's GZipStream is
/// silent: GZipStream returns end-of-stream, without an error, when the file ends inside the deflate
/// data or inside the 8-byte trailer. At end of stream this reader compares the trailer (the CRC-32 and
/// the length mod 2³² of the inflated bytes, the last 8 bytes of the file) with what it inflated, and
/// reports a mismatch; corrupt deflate data is reported with the file's name. A file of several gzip
/// members fails the trailer check (only the last member's trailer is at the end), which every IDX
/// distribution satisfies by being one member.
/// </summary>
internal sealed class GzipInput : Stream
{
    private const int MinLength = 10 + 8; // gzip header + trailer

    private readonly GZipStream _inflater;
    private readonly string _source;
    private readonly uint _trailerCrc;
    private readonly uint _trailerLength;
    private uint _crc;
    private long _length;

    private GzipInput(FileStream file, string source, uint trailerCrc, uint trailerLength)
    {
        _inflater = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        _source = source;
        _trailerCrc = trailerCrc;
        _trailerLength = trailerLength;
    }

    /// <summary>Reads the trailer of <paramref name="file"/> and starts inflating it from its first byte.</summary>
    public static GzipInput Open(FileStream file, string source)
    {
        if (file.Length < MinLength)
        {
            throw new InvalidDataException($"{source}: {file.Length} bytes is too short for a gzip file (at least {MinLength})");
        }
        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        return new GzipInput(file, source, BitConverter.ToUInt32(trailer), BitConverter.ToUInt32(trailer[4..]));
    }

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _inflater.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{_source}: corrupt gzip stream ({e.Message})", e);
        }
        if (read == 0 && buffer.Length > 0)
        {
            VerifyTrailer();
        }
        _crc = Crc32.Append(_crc, buffer[..read]);
        _length += read;
        return read;
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflater.Dispose();
        }
        base.Dispose(disposing);
    }

    private void VerifyTrailer()
    {
        // The little-endian uint32 pair that ends every gzip member (RFC 1952 §2.3.1): CRC32, then ISIZE = length mod 2³².
        if (_crc != _trailerCrc || (uint)_length != _trailerLength)
        {
            throw new InvalidDataException(
                $"{_source}: the gzip trailer (CRC-32 {_trailerCrc:X8}, length {_trailerLength}) does not match the {_length} inflated bytes (CRC-32 {_crc:X8}): the file is truncated or corrupt, or has several gzip members (not supported)");
        }
    }
}
