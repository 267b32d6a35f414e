using System.Buffers.Binary;
using System.Runtime.InteropServices;
using CsCheck;
using Scratch.Nn.Checkpoints;
using Scratch.Tests.Support;

namespace Scratch.Nn.Tests.Checkpoints;

/// <summary>
/// Property-based tests of the safetensors reader (seeded, bounded; see <see cref="Fuzz"/> for a longer run):
/// every file the format allows loads exactly; every file that breaks one of its rules is refused with an
/// <see cref="InvalidDataException"/> naming the file; and a file damaged at random either is refused so,
/// or loads tensors that tile its data section exactly.
/// </summary>
[Trait("Category", Fuzz.Category)]
public sealed class SafeTensorsFuzzTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-st-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Pieces of names and metadata: ASCII, escapes JSON needs (quote, backslash, control characters),
    // non-ASCII in one, two and four UTF-8 bytes (the last a surrogate pair in UTF-16).
    private static readonly Gen<string> Text = Gen.OneOf("w", "layer", ".", "0", "17", "_", " ", "é", "Ω", "中", "😀", "\"", "\\", "\n", "\u0001", "a.b", "__")
        .Array[0, 4].Select(string.Concat);

    private static readonly Gen<TensorSpec> Tensor =
        from name in Text.Where(n => n.Length > 0 && n != SafeTensors.MetadataKey)
        from dtype in Gen.OneOf("F32", "F64", "I32")
        from shape in Gen.Int[0, 4].Array[0, 3]
        from data in Gen.Byte.Array[shape.Aggregate(1, (p, d) => p * d) * TensorSpec.SizeOf(dtype)]
        select new TensorSpec(name, dtype, shape, data);

    private static readonly Gen<SafeTensorsFileSpec> File =
        from tensors in Tensor.Array[0, 5].Select(ts => ts.DistinctBy(t => t.Name).ToArray())
        from metadata in Gen.Select(Text, Text).Array[0, 3].Select(m => m.DistinctBy(p => p.Item1).ToArray())
        from jsonKeys in Gen.Int.Array[tensors.Length]
        from dataKeys in Gen.Int.Array[tensors.Length]
        from escape in Gen.Bool
        from padding in Gen.Int[0, 12]
        select new SafeTensorsFileSpec(tensors, metadata, Order(jsonKeys), Order(dataKeys), escape, padding);

    private static int[] Order(int[] keys) => Enumerable.Range(0, keys.Length).OrderBy(i => keys[i]).ThenBy(i => i).ToArray();

    [Fact]
    public void ValidFile_LoadsEveryTensorAndMetadataExactly() => Fuzz.Run(File, spec =>
    {
        var content = SafeTensors.Load(Save(spec.Write()));
        Assert.Equal(spec.Tensors.Length, content.Tensors.Count);
        foreach (var t in spec.Tensors)
        {
            var loaded = content.Tensors[t.Name];
            Assert.Equal(t.Shape, loaded.Shape.ToArray());
            Assert.Equal(t.DType, SafeTensorsHeader.DTypeName(loaded.DType));
            Assert.Equal(t.Data, Bytes(loaded));
        }
        Assert.Equal(spec.Metadata.ToDictionary(m => m.Key, m => m.Value), content.Metadata);
    }, iterations: 500, stream: 1);

    private static readonly Gen<(SafeTensorsFileSpec Spec, Break Break, int Pick, long Amount)> BrokenFile =
        from spec in File
        from broken in Gen.Enum<Break>().Where(b => b != Break.None)
        from pick in Gen.Int[0, 1000]
        from amount in Gen.Long[1, 1000]
        where Applies(spec, broken)
        select (spec, broken, pick % Math.Max(1, spec.StringCount), amount);

    private static bool Applies(SafeTensorsFileSpec spec, Break broken) => broken switch
    {
        Break.ShiftOffsets or Break.WrongShape => spec.Tensors.Any(t => t.Data.Length > 0),
        Break.DuplicateEntry or Break.UnknownDType or Break.BadNumber => spec.Tensors.Length > 0,
        Break.LoneSurrogate or Break.InvalidUtf8 => spec.StringCount > 0,
        _ => true,
    };

    [Fact]
    public void FileBreakingARule_RefusedAsInvalidDataNamingTheFile() => Fuzz.Run(BrokenFile, c =>
    {
        var path = Save(c.Spec.Write(c.Break, c.Pick, c.Amount));
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
    }, iterations: 1000, stream: 2);

    private static readonly Gen<(SafeTensorsFileSpec Spec, (int Kind, int At, int Length, byte Value)[] Edits)> DamagedFile =
        from spec in File
        from edits in Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1 << 20], Gen.Int[1, 16], Gen.Byte).Array[1, 4]
        select (spec, edits);

    [Fact]
    public void DamagedFile_RefusedOrLoadedConsistently() => Fuzz.Run(DamagedFile, c =>
    {
        var bytes = Damage(c.Spec.Write(), c.Edits);
        var path = Save(bytes);
        SafeTensorsContent content;
        try
        {
            content = SafeTensors.Load(path);
        }
        catch (InvalidDataException e)
        {
            Assert.Contains(path, e.Message);
            return;
        }
        // Accepted: the tensors must cover the data section after the header exactly.
        var n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(bytes.Length - 8 - (long)n, content.Tensors.Values.Sum(t => (long)Bytes(t).Length));
    }, iterations: 3000, stream: 3);

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
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.safetensors");
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Bytes(Tensor t) => t.DType switch
    {
        DType.Float32 => MemoryMarshal.AsBytes(t.ToArray<float>().AsSpan()).ToArray(),
        DType.Float64 => MemoryMarshal.AsBytes(t.ToArray<double>().AsSpan()).ToArray(),
        _ => MemoryMarshal.AsBytes(t.ToArray<int>().AsSpan()).ToArray(),
    };
}
