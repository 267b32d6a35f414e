using System.IO.Compression;
using System.Text;
using Scratch.Data.Idx;

namespace Scratch.Data.Tests.Idx;

public sealed class Crc32Tests
{
    [Fact]
    public void Append_CheckString_GivesTheStandardCheckValue()
    {
        // The check value of CRC-32/ISO-HDLC (gzip's CRC) over the ASCII digits 1..9.
        Assert.Equal(0xCBF43926u, Crc32.Append(0, Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32.Append(0, []));
    }

    [Fact]
    public void Append_InPieces_EqualsAppendAtOnce()
    {
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)(i * 37)).ToArray();
        Assert.Equal(Crc32.Append(0, bytes), Crc32.Append(Crc32.Append(0, bytes.AsSpan(0, 333)), bytes.AsSpan(333)));
    }

    [Fact]
    public void Append_EqualsTheCrcInTheTrailerZlibWrites()
    {
        var bytes = new byte[10_000];
        new Random(5).NextBytes(bytes);
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        var file = packed.ToArray();
        Assert.Equal(BitConverter.ToUInt32(file, file.Length - 8), Crc32.Append(0, bytes));
    }
}
