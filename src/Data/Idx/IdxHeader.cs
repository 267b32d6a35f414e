using System.Buffers.Binary;

namespace Scratch.Data.Idx;

/// <summary>
/// The validated header of an IDX file: the magic number 00 00 &lt;type&gt; &lt;rank&gt;, then rank
/// big-endian int32 sizes. Validation, before any data is read or allocated: the first two bytes are
/// zero, the type byte is known, the rank is at least 1, every size is positive, and the data length
/// prod(sizes) × element size, computed with checked arithmetic, is at most the reader's limit (a
/// product that would overflow is reported as over the limit, never wrapped).
/// </summary>
/// <param name="DataType">The element type.</param>
/// <param name="Dimensions">The sizes, outermost first.</param>
/// <param name="DataLength">prod(Dimensions) × element size, in bytes.</param>
internal sealed record IdxHeader(IdxDataType DataType, int[] Dimensions, long DataLength)
{
    /// <summary>The header's length in bytes: 4 + 4 × rank.</summary>
    public int Length => 4 + 4 * Dimensions.Length;

    /// <summary>Reads and validates a header from the start of <paramref name="stream"/>; <paramref name="source"/> names the file in messages.</summary>
    public static IdxHeader Read(Stream stream, string source, long maxDataBytes)
    {
        var bytes = new byte[4 + 4 * 255];
        var read = stream.ReadAtLeast(bytes.AsSpan(0, 4), 4, throwOnEndOfStream: false);
        if (read == 4 && bytes[3] > 0)
        {
            read += stream.ReadAtLeast(bytes.AsSpan(4, 4 * bytes[3]), 4 * bytes[3], throwOnEndOfStream: false);
        }
        return Parse(bytes.AsSpan(0, read), source, maxDataBytes);
    }

    /// <summary>Validates the header at the start of <paramref name="bytes"/> (which may go on with the data).</summary>
    public static IdxHeader Parse(ReadOnlySpan<byte> bytes, string source, long maxDataBytes)
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
        var length = 4 + 4 * rank;
        if (rank == 0 || bytes.Length < length)
        {
            throw new InvalidDataException($"{source}: IDX header declares {rank} dimensions but the file has {bytes.Length} bytes (needs {length} for the header)");
        }
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes[(4 + 4 * i)..]);
            if (dims[i] <= 0)
            {
                throw new InvalidDataException($"{source}: dimension {i} is {dims[i]}; expected a positive size");
            }
        }
        var size = IdxArray.SizeOf(type);
        long dataLength = size;
        foreach (var d in dims)
        {
            // dataLength · d ≤ maxDataBytes, tested without forming a product that could overflow.
            if (dataLength > maxDataBytes / d)
            {
                throw new InvalidDataException(
                    $"{source}: the header [{string.Join(", ", dims)}] of {type} declares more than {maxDataBytes} bytes of data, the most this reader accepts");
            }
            dataLength *= d;
        }
        return new IdxHeader(type, dims, dataLength);
    }
}
