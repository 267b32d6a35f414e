using System.Buffers.Binary;
using Scratch.Data.Sets;

namespace Scratch.Data.Tests.Sets;

public sealed class IdxImageSetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("idx-image-set-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_EveryByteValue_BecomesItsValueOver255InFloat32()
    {
        // Three 13×13 images: 507 bytes (no multiple of any vector width) taking every value 0 … 255 (i·7 mod 256).
        var bytes = Enumerable.Range(0, 507).Select(i => (byte)(i * 7 % 256)).ToArray();
        var images = Write("images", 0x0803, [3, 13, 13], bytes);
        var labels = Write("labels", 0x0801, [3], [3, 9, 0]);
        var set = IdxImageSet.Load("sample", images, labels);
        Assert.Equal(3, set.Count);
        Assert.Equal(new[] { 3, 9, 0 }, set.Labels);
        for (var i = 0; i < bytes.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(bytes[i] / 255f), BitConverter.SingleToInt32Bits(set.Pixels[i]));
        }
    }

    // An IDX file: magic (0, 0, type, rank), the dimensions big-endian, then the bytes.
    private string Write(string name, int magic, int[] dimensions, byte[] data)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), dimensions[d]);
        }
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, [.. header, .. data]);
        return path;
    }
}
