namespace Scratch.Data.Idx;

/// <summary>
/// CRC-32 as gzip (RFC 1952 §8) and zlib compute it: the reflected polynomial 0xEDB88320, initial value
/// and final XOR 0xFFFFFFFF, one table lookup per byte. Used to check a gzip file's trailer, which
/// .NET's GZipStream does not verify when the file ends inside it.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of everything fed so far, continued over <paramref name="bytes"/> (start from 0).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        var c = ~crc;
        foreach (var b in bytes)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }
        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
