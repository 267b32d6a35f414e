using System.Buffers.Binary;
using System.IO.Compression;
using CsCheck;
using Scratch.Data.Idx;
using Scratch.Tests.Support;

namespace Scratch.Data.Tests.Idx;

/// <summary>
/// Property-based tests of the IDX reader, raw and gzip (seeded, bounded; see <see cref="Fuzz"/> for a
/// longer run). An independent decoder of the format (<see cref="Decode"/>, a few lines from the format's
/// description) is the oracle: a raw file is accepted exactly when it decodes, with the same contents; a
/// gzip file is accepted only when its inflated bytes decode to the same contents and it ends with their
/// trailer; and every refusal is
/// an <see cref="InvalidDataException"/> naming the file.
/// </summary>
[Trait("Category", Fuzz.Category)]
public sealed class IdxFuzzTests : IDisposable
{
    private const long MaxBytes = 4096;

    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-idx-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly byte[] Types = [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E];

    private static readonly Gen<byte[]> Valid =
        from type in Gen.OneOf(Types)
        from dims in Gen.Int[1, 6].Array[1, 3]
        from data in Gen.Byte.Array[dims.Aggregate(1, (p, d) => p * d) * Size(type)]
        select IdxReaderTests.Idx(type, dims, data);

    private static readonly Gen<(byte[] Content, bool Gzip, (int Kind, int At, int Length, byte Value)[] Edits)> Damaged =
        from content in Valid
        from gzip in Gen.Bool
        from edits in Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1 << 20], Gen.Int[1, 8], Gen.Byte).Array[0, 3]
        select (content, gzip, edits);

    [Fact]
    public void ValidFile_RawOrGzip_ReadsExactly() => Fuzz.Run(Gen.Select(Valid, Gen.Bool, Gen.Int[0, 3]), c =>
    {
        var (content, gzip, level) = c;
        var path = Save(gzip ? IdxReaderTests.Gzip(content, (CompressionLevel)level) : content);
        AssertSame(Decode(content)!.Value, IdxReader.Read(path, MaxBytes));
    }, iterations: 500, stream: 11);

    [Fact]
    public void DamagedFile_AcceptedExactlyWhenItDecodes() => Fuzz.Run(Damaged, c =>
    {
        var bytes = Damage(c.Gzip ? IdxReaderTests.Gzip(c.Content) : c.Content, c.Edits);
        var path = Save(bytes);
        IdxArray read;
        try
        {
            read = IdxReader.Read(path, MaxBytes);
        }
        catch (InvalidDataException e)
        {
            Assert.Contains(path, e.Message);
            // A raw file is refused exactly when the independent decoder refuses it.
            Assert.True(IsGzip(bytes) || Decode(bytes) is null, "a decodable raw file was refused: " + e.Message);
            return;
        }
        var content = IsGzip(bytes) ? Inflate(bytes) : bytes;
        var expected = Decode(content);
        Assert.True(expected is not null, "an undecodable file was accepted");
        AssertSame(expected.Value, read);
        if (IsGzip(bytes))
        {
            // The file ends with the trailer of what it inflates to (CRC-32, checked against zlib in Crc32Tests, and length).
            Assert.Equal([.. BitConverter.GetBytes(Crc32.Append(0, content)), .. BitConverter.GetBytes(content.Length)], bytes[^8..]);
        }
    }, iterations: 3000, stream: 12);

    private static void AssertSame((byte Type, int[] Dims, byte[] Data) expected, IdxArray read)
    {
        Assert.Equal(expected.Type, (byte)read.DataType);
        Assert.Equal(expected.Dims, read.Dimensions);
        Assert.Equal(expected.Data, read.Bytes);
    }

    // The format by itself: 00 00 type rank, rank big-endian positive int32 sizes, then exactly
    // prod(sizes) × size bytes, within MaxBytes of data.
    private static (byte Type, int[] Dims, byte[] Data)? Decode(byte[] bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0 || !Types.Contains(bytes[2]) || bytes[3] == 0 || bytes.Length < 4 + 4 * bytes[3])
        {
            return null;
        }
        var dims = Enumerable.Range(0, bytes[3]).Select(i => BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i))).ToArray();
        var data = dims.Aggregate(System.Numerics.BigInteger.One, (p, d) => p * d) * Size(bytes[2]);
        var header = 4 + 4 * dims.Length;
        return dims.All(d => d > 0) && data <= MaxBytes && bytes.Length == header + (long)data ? (bytes[2], dims, bytes[header..]) : null;
    }

    private static int Size(byte type) => type switch { 0x08 or 0x09 => 1, 0x0B => 2, 0x0E => 8, _ => 4 };

    private static bool IsGzip(byte[] bytes) => bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;

    private static byte[] Inflate(byte[] bytes)
    {
        using var inflated = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
        {
            gzip.CopyTo(inflated);
        }
        return inflated.ToArray();
    }

    // Kind 0 sets a byte, 1 inserts bytes, 2 deletes bytes, 3 truncates, 4 appends; positions wrap around the file.
    private static byte[] Damage(byte[] file, (int Kind, int At, int Length, byte Value)[] edits)
    {
        var bytes = file.ToList();
        foreach (var (kind, at, length, value) in edits)
        {
            var i = bytes.Count == 0 ? 0 : at % bytes.Count;
            switch (kind)
            {
                case 0 when bytes.Count > 0: bytes[i] = value; break;
                case 1: bytes.InsertRange(i, Enumerable.Repeat(value, length)); break;
                case 2: bytes.RemoveRange(i, Math.Min(length, bytes.Count - i)); break;
                case 3: bytes.RemoveRange(i, bytes.Count - i); break;
                default: bytes.AddRange(Enumerable.Repeat(value, length)); break;
            }
        }
        return [.. bytes];
    }

    private string Save(byte[] bytes)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.idx");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
