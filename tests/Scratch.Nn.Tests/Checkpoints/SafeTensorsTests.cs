using System.Text;
using Scratch.Nn.Checkpoints;
using Scratch.Tests.Support;

namespace Scratch.Nn.Tests.Checkpoints;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-st-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A file laid out as PyTorch's safetensors writer lays it out, byte by byte.</summary>
    internal static byte[] PyTorchStyleFile(string headerJson, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var padded = (header.Length + 7) / 8 * 8;
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes((ulong)padded));
        bytes.AddRange(header);
        bytes.AddRange(Enumerable.Repeat((byte)' ', padded - header.Length));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    [Fact]
    public void Load_FileWrittenInPyTorchsLayout_ReadsEveryTensorAndMetadata()
    {
        const string json = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
            + "\"fc.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,32]},"
            + "\"steps\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[32,36]}}";
        var data = new List<byte>();
        foreach (var v in new[] { 1.5f, -2f, 0.25f, 3f })
        {
            data.AddRange(BitConverter.GetBytes(v));
        }
        data.AddRange(BitConverter.GetBytes(-0.5));
        data.AddRange(BitConverter.GetBytes(7.0));
        data.AddRange(BitConverter.GetBytes(42));
        var path = Path.Combine(_folder, "torch.safetensors");
        File.WriteAllBytes(path, PyTorchStyleFile(json, data.ToArray()));

        var content = SafeTensors.Load(path);

        Assert.Equal("pt", content.Metadata["format"]);
        Assert.Equal(new Shape(2, 2), content.Tensors["fc.weight"].Shape);
        Assert.Equal([1.5f, -2f, 0.25f, 3f], content.Tensors["fc.weight"].ToArray<float>());
        Assert.Equal([-0.5, 7.0], content.Tensors["fc.bias"].ToArray<double>());
        Assert.Equal(Shape.Scalar, content.Tensors["steps"].Shape);
        Assert.Equal([42], content.Tensors["steps"].ToArray<int>());
    }

    [Fact]
    public void Save_WritesTheReferenceLayout()
    {
        var path = Path.Combine(_folder, "ours.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.FromArray([1f, 2f], 2) }, new Dictionary<string, string> { ["model"] = "fc10" });
        const string json = "{\"__metadata__\":{\"model\":\"fc10\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        var expected = PyTorchStyleFile(json, [.. BitConverter.GetBytes(1f), .. BitConverter.GetBytes(2f)]);
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal(0, (expected.Length - 8) % 8);
    }

    [Fact]
    public void SaveThenLoad_RoundTripsEveryDType()
    {
        var path = Path.Combine(_folder, "all.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = Tensor.Randn(new Shape(3, 4), new Generator(1)),
            ["f64"] = Tensor.Randn(new Shape(5), new Generator(2), DType.Float64),
            ["i32"] = Tensor.FromArray([1, -2, 3], 3),
            ["empty"] = Tensor.Zeros(new Shape(0, 3)),
            ["view"] = Tensor.Randn(new Shape(3, 2), new Generator(3)).MT,
        };
        SafeTensors.Save(path, tensors);
        var loaded = SafeTensors.Load(path);
        Assert.Equal(tensors.Keys.Order(), loaded.Tensors.Keys.Order());
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.Shape, loaded.Tensors[name].Shape);
            Assert.Equal(tensor.DType, loaded.Tensors[name].DType);
            Assert.Equal(TensorAssert.Values(tensor), TensorAssert.Values(loaded.Tensors[name]));
        }
        Assert.Empty(loaded.Metadata);
    }

    [Fact]
    public void Save_OverExistingFile_ReplacesIt()
    {
        var path = Path.Combine(_folder, "m.safetensors");
        File.WriteAllText(path, "old");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(new Shape(2)) });
        Assert.Equal([1f, 1f], SafeTensors.Load(path).Tensors["w"].ToArray<float>());
        Assert.Equal(["m.safetensors"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_Failing_LeavesNoFileBehind()
    {
        // The target is a directory, so the final rename fails after the temporary file was written
        // (this holds for root too, unlike a read-only folder).
        var target = Path.Combine(_folder, "taken");
        Directory.CreateDirectory(target);
        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(target, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(new Shape(2)) }));
        Assert.Empty(Directory.GetFiles(_folder));
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public void Save_ReservedName_ThrowsBeforeWriting()
    {
        var path = Path.Combine(_folder, "r.safetensors");
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Ones(new Shape(1)) }));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("/dev/zero", "is a character device, not a regular file")]
    [InlineData("/", "is a directory, not a regular file")]
    public void Load_NotARegularFile_RejectedNamingIt(string path, string fragment)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains($"safetensors file '{path}' {fragment}", e.Message);
    }

    [Fact]
    public void Load_Fifo_RejectedWithoutBlocking()
    {
        var fifo = SpecialFiles.Fifo(Path.Combine(_folder, "model.safetensors"));
        SpecialFiles.FinishesWithoutBlocking(() =>
            Assert.Contains("is a FIFO (named pipe), not a regular file", Assert.Throws<InvalidDataException>(() => SafeTensors.Load(fifo)).Message));
    }

    [Fact]
    public void Load_FileOverTheLimit_RejectedBeforeReading()
    {
        var path = Path.Combine(_folder, "big.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(new Shape(4)) });
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path, maxBytes: 40));
        Assert.Contains("more than the 40 bytes this reader accepts", e.Message);
    }

    [Fact]
    public void Load_SparseFileOver2GiBWithBytesNoTensorCovers_RejectedFromTheHeaderAlone()
    {
        var path = Path.Combine(_folder, "huge.safetensors");
        File.WriteAllBytes(path, PyTorchStyleFile("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]));
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength((2L << 30) + 4096);
        }
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("the tensors end at byte 4 of the data section", e.Message);
    }

    [Theory]
    [InlineData("/dev/null", "is a character device")]
    [InlineData("/", "is a directory")]
    public void Save_OntoADeviceOrDirectory_RefusedAndTheTargetUntouched(string path, string fragment)
    {
        var e = Assert.ThrowsAny<IOException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(new Shape(2)) }));
        Assert.Contains(fragment, e.Message);
        Assert.Equal(Scratch.IO.FileKind.CharacterDevice, Scratch.IO.FileProbe.Kind("/dev/null"));
    }

    [Fact]
    public void Save_NameTooLong_RefusedWithoutTouchingTheFolder()
    {
        var e = Assert.Throws<PathTooLongException>(() => SafeTensors.Save(Path.Combine(_folder, new string('m', 300)), new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(new Shape(2)) }));
        Assert.Contains("is 300 bytes", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Save_RemovesTheTemporaryFileAKilledSaveLeft()
    {
        var path = Path.Combine(_folder, "m.safetensors");
        var left = Path.Combine(_folder, $".m.safetensors.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(left, new byte[100]);
        File.SetLastWriteTimeUtc(left, DateTime.UtcNow.AddMinutes(-5));
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(new Shape(2)) });
        Assert.Equal(["m.safetensors"], Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName));
    }
}
