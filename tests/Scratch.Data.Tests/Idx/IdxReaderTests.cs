using System.IO.Compression;
using Scratch.Data.Idx;

namespace Scratch.Data.Tests.Idx;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scratch-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Idx(byte type, int[] dims, byte[] data)
    {
        var header = new List<byte> { 0, 0, type, (byte)dims.Length };
        foreach (var d in dims)
        {
            header.AddRange(BitConverter.GetBytes(d).Reverse());
        }
        return [.. header, .. data];
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
}
