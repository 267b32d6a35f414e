using System.IO.Compression;
using Scratch.Data.Idx;
using Scratch.Tests.Support;

namespace Scratch.Data.Tests.Idx;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scratch-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static byte[] Idx(byte type, int[] dims, byte[] data)
    {
        var header = new List<byte> { 0, 0, type, (byte)dims.Length };
        foreach (var d in dims)
        {
            header.AddRange(BitConverter.GetBytes(d).Reverse());
        }
        return [.. header, .. data];
    }

    internal static byte[] Gzip(byte[] bytes, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var packed = new MemoryStream();
        using (var z = new GZipStream(packed, level, leaveOpen: true))
        {
            z.Write(bytes);
        }
        return packed.ToArray();
    }

    private string Write(string name, byte[] bytes, bool gzip = false)
    {
        var path = Path.Combine(_dir, name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var z = new GZipStream(file, CompressionLevel.Fastest);
            z.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_RawOrGzip_ReturnsDimensionsAndValues(bool gzip)
    {
        var path = Write("a.idx", Idx(0x08, [2, 3], [1, 2, 3, 250, 5, 6]), gzip);
        var a = IdxReader.Read(path);
        Assert.Equal(IdxDataType.UnsignedByte, a.DataType);
        Assert.Equal(new[] { 2, 3 }, a.Dimensions);
        Assert.Equal(250.0, a[3]);
    }

    [Fact]
    public void Read_BigEndianFloats_Decoded()
    {
        var data = BitConverter.GetBytes(1.5f).Reverse().Concat(BitConverter.GetBytes(-2f).Reverse()).ToArray();
        var a = IdxReader.Read(Write("f.idx", Idx(0x0D, [2], data)));
        Assert.Equal(1.5, a[0]);
        Assert.Equal(-2.0, a[1]);
    }

    [Fact]
    public void Read_Truncated_ErrorSaysTruncatedWithByteCounts()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("t.idx", Idx(0x08, [2, 3], [1, 2, 3]))));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("needs 18 bytes", e.Message);
        Assert.Contains("has 15", e.Message);
    }

    [Fact]
    public void Read_TrailingBytes_IsAnError()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("x.idx", Idx(0x08, [2], [1, 2, 3]))));
        Assert.Contains("trailing", e.Message);
    }

    [Fact]
    public void Read_BadMagic_ErrorShowsBytes()
    {
        var bytes = Idx(0x08, [1], [1]);
        bytes[0] = 0x42;
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("m.idx", bytes)));
        Assert.Contains("magic", e.Message);
        Assert.Contains("42", e.Message);
    }

    [Fact]
    public void Read_UnknownType_IsAnError()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("u.idx", Idx(0x07, [1], [1]))));
        Assert.Contains("0x07", e.Message);
    }

    [Fact]
    public void Read_CorruptGzip_IsAnError()
    {
        var path = Write("c.idx.gz", Idx(0x08, [4], [1, 2, 3, 4]), gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)].Concat(new byte[] { 1, 2, 3 }).ToArray());
        Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
    }

    [Fact]
    public void Read_DimensionsWhoseProductWrapsPast2To64_Rejected()
    {
        // 2²² × 2²¹ × 2²¹ = 2⁶⁴ bytes: a 16-byte file that 64-bit arithmetic would take for an empty array.
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(Write("wrap.idx", Idx(0x08, [1 << 22, 1 << 21, 1 << 21], []))));
        Assert.Contains("the header [4194304, 2097152, 2097152] of UnsignedByte declares more than 1073741824 bytes of data", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_HeaderDeclaringMoreThanTheLimit_RejectedBeforeTheData(bool gzip)
    {
        var path = Write("big.idx", Idx(0x0C, [100], new byte[400]), gzip);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, maxBytes: 399));
        Assert.Contains("declares more than 399 bytes", e.Message);
        Assert.Equal(100, IdxReader.Read(path, maxBytes: 400).Count);
    }

    [Fact]
    public void Read_GzipThatInflatesFarPastItsHeader_RejectedAfterOneByteMore()
    {
        // 64 MiB of zeros after a valid 2-element file: 64 KiB compressed.
        var content = Idx(0x08, [2], [7, 8]).Concat(new byte[64 << 20]).ToArray();
        var path = Path.Combine(_dir, "bomb.idx.gz");
        File.WriteAllBytes(path, Gzip(content, CompressionLevel.SmallestSize));
        Assert.True(new FileInfo(path).Length < 1 << 20);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Contains("trailing bytes", e.Message);
        Assert.Contains("inflates to more", e.Message);
    }

    [Fact]
    public void Read_GzipDeclaringTwoGigabytes_RejectedWithoutInflating()
    {
        var path = Write("huge.idx.gz", Idx(0x08, [int.MaxValue], new byte[16]), gzip: true);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Contains("declares more than 1073741824 bytes", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void Read_GzipCutInsideItsTrailer_Rejected(int cut)
    {
        var path = Write("cut.idx.gz", Idx(0x08, [3], [1, 2, 3]), gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^cut]);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(8)] // first byte of the CRC
    [InlineData(1)] // top byte of the length
    public void Read_GzipTrailerWrong_Rejected(int fromEnd)
    {
        var path = Write("crc.idx.gz", Idx(0x08, [3], [1, 2, 3]), gzip: true);
        var bytes = File.ReadAllBytes(path);
        bytes[^fromEnd] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => IdxReader.Read(path)).Message);
    }

    [Fact]
    public void Read_TwoGzipMembers_RejectedSayingSo()
    {
        var content = Idx(0x08, [4], [1, 2, 3, 4]);
        var path = Path.Combine(_dir, "two.idx.gz");
        File.WriteAllBytes(path, [.. Gzip(content[..6]), .. Gzip(content[6..])]);
        Assert.Contains("several gzip members", Assert.Throws<InvalidDataException>(() => IdxReader.Read(path)).Message);
    }

    [Fact]
    public void Read_GzipWithAFileNameInItsHeader_Accepted()
    {
        // RFC 1952: FLG.FNAME (0x08) adds a zero-terminated name after the 10-byte header.
        var content = Idx(0x08, [3], [9, 8, 7]);
        using var deflated = new MemoryStream();
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(content);
        }
        byte[] header = [0x1F, 0x8B, 8, 0x08, 0, 0, 0, 0, 0, 3, .. "t10k"u8, 0];
        var path = Path.Combine(_dir, "named.idx.gz");
        File.WriteAllBytes(path, [.. header, .. deflated.ToArray(), .. BitConverter.GetBytes(Crc32.Append(0, content)), .. BitConverter.GetBytes(content.Length)]);
        Assert.Equal(7.0, IdxReader.Read(path)[2]);
    }

    [Theory]
    [InlineData("/dev/zero", "is a character device, not a regular file")]
    [InlineData("/", "is a directory, not a regular file")]
    public void Read_NotARegularFile_Rejected(string path, string fragment) =>
        Assert.Contains($"IDX file '{path}' {fragment}", Assert.Throws<InvalidDataException>(() => IdxReader.Read(path)).Message);

    [Fact]
    public void Read_Fifo_RejectedWithoutBlocking()
    {
        var fifo = SpecialFiles.Fifo(Path.Combine(_dir, "fifo"));
        SpecialFiles.FinishesWithoutBlocking(() => Assert.Throws<InvalidDataException>(() => IdxReader.Read(fifo)));
    }

    [Fact]
    public void Read_FileFarLargerThanTheLimit_RejectedByItsLength()
    {
        var path = Write("long.idx", Idx(0x08, [10], new byte[10]).Concat(new byte[2000]).ToArray());
        Assert.Contains("is 2018 bytes, more than the", Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, maxBytes: 10)).Message);
    }

    [Fact]
    public void Read_Missing_FileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => IdxReader.Read(Path.Combine(_dir, "missing.idx")));
}
