using System.Text;
using Scratch.Nn.Checkpoints;

namespace Scratch.Nn.Tests.Checkpoints;

/// <summary>Every malformed header is rejected with an InvalidDataException naming the file and the fault.</summary>
public sealed class SafeTensorsHeaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-sth-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private InvalidDataException Rejects(byte[] file, params string[] fragments)
    {
        var path = Path.Combine(_folder, "bad.safetensors");
        File.WriteAllBytes(path, file);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, e.Message);
        }
        return e;
    }

    private InvalidDataException Rejects(string json, int dataBytes, params string[] fragments) =>
        Rejects(SafeTensorsTests.PyTorchStyleFile(json, new byte[dataBytes]), fragments);

    private static string Entry(string name, string dtype, string shape, string offsets) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":{offsets}}}";

    [Fact]
    public void Valid_Baseline_Loads()
    {
        var path = Path.Combine(_folder, "ok.safetensors");
        File.WriteAllBytes(path, SafeTensorsTests.PyTorchStyleFile("{" + Entry("a", "F32", "[2]", "[0,8]") + "}", new byte[8]));
        Assert.Single(SafeTensors.Load(path).Tensors);
    }

    [Fact]
    public void TooShortForTheLength_Rejected() => Rejects(new byte[5], "5 bytes");

    [Fact]
    public void HeaderLengthBeyondFile_Rejected()
    {
        var file = SafeTensorsTests.PyTorchStyleFile("{" + Entry("a", "F32", "[2]", "[0,8]") + "}", new byte[8]);
        Rejects(file[..20], "header length");
    }

    [Fact]
    public void DataTruncated_Rejected() =>
        Rejects(SafeTensorsTests.PyTorchStyleFile("{" + Entry("a", "F32", "[4]", "[0,16]") + "}", new byte[12]), "tensor 'a'", "run past the data section of 12 bytes");

    [Fact]
    public void BadJson_Rejected() => Rejects("{\"a\": {\"dtype\": ", 0, "not valid UTF-8 JSON");

    [Fact]
    public void InvalidUtf8_Rejected()
    {
        var file = SafeTensorsTests.PyTorchStyleFile("{\"x\":{}}", []);
        file[10] = 0xFF;
        Rejects(file, "not valid UTF-8 JSON");
    }

    [Fact]
    public void JsonArray_Rejected() => Rejects("[1, 2]", 0, "not an object");

    [Theory]
    [InlineData("F16")]
    [InlineData("float32")]
    [InlineData("BF16")]
    public void UnsupportedDType_Rejected(string dtype) =>
        Rejects("{" + Entry("w", dtype, "[2]", "[0,8]") + "}", 8, "tensor 'w'", $"unsupported dtype '{dtype}'");

    [Fact]
    public void ShapeTimesSizeMismatch_Rejected() =>
        Rejects("{" + Entry("w", "F32", "[3]", "[0,8]") + "}", 8, "tensor 'w'", "span 8 bytes", "needs 12");

    [Fact]
    public void NegativeDimension_Rejected() =>
        Rejects("{" + Entry("w", "F32", "[-1]", "[0,0]") + "}", 0, "tensor 'w'", "shape[0] = -1");

    [Fact]
    public void FractionalDimension_Rejected() =>
        Rejects("{" + Entry("w", "F32", "[1.5]", "[0,4]") + "}", 4, "shape[0] = 1.5");

    [Fact]
    public void BeginAfterEnd_Rejected() =>
        Rejects("{" + Entry("w", "F32", "[0]", "[8,4]") + "}", 8, "begin > end");

    [Fact]
    public void ThreeOffsets_Rejected() =>
        Rejects("{" + Entry("w", "F32", "[1]", "[0,4,8]") + "}", 8, "expected [begin, end]");

    [Fact]
    public void OverlappingRanges_Rejected() =>
        Rejects("{" + Entry("a", "F32", "[2]", "[0,8]") + "," + Entry("b", "F32", "[2]", "[4,12]") + "}", 12, "'a'", "'b'", "overlap");

    [Fact]
    public void RangeOutsideTheFile_Rejected() =>
        Rejects("{" + Entry("a", "F32", "[2]", "[100,108]") + "}", 8, "tensor 'a'", "run past");

    [Fact]
    public void UnknownField_Rejected() =>
        Rejects("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"stride\":[1]}}", 4, "unknown field 'stride'");

    [Fact]
    public void MissingField_Rejected() =>
        Rejects("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "lacks one of dtype, shape, data_offsets");

    [Fact]
    public void DuplicateTensorName_Rejected() =>
        Rejects("{" + Entry("w", "F32", "[1]", "[0,4]") + "," + Entry("w", "F32", "[1]", "[4,8]") + "}", 8, "'w' appears twice");

    [Fact]
    public void NonStringMetadata_Rejected() =>
        Rejects("{\"__metadata__\":{\"epochs\":3}}", 0, "metadata 'epochs'", "must be strings");

    // The reference reader's rules (huggingface/safetensors, Metadata::validate and read_metadata).

    [Fact]
    public void HoleBeforeTheFirstTensor_Rejected() =>
        Rejects("{" + Entry("a", "F32", "[1]", "[4,8]") + "}", 8, "bytes [0, 4) of the data section belong to no tensor (before 'a')");

    [Fact]
    public void HoleBetweenTensors_Rejected() =>
        Rejects("{" + Entry("a", "F32", "[1]", "[0,4]") + "," + Entry("b", "F32", "[1]", "[8,12]") + "}", 12, "bytes [4, 8)", "before 'b'");

    [Fact]
    public void BytesAfterTheLastTensor_Rejected() =>
        Rejects("{" + Entry("a", "F32", "[1]", "[0,4]") + "}", 8, "the tensors end at byte 4 of the data section, which is 8 bytes");

    [Fact]
    public void DataWithoutTensors_Rejected() => Rejects("{}", 8, "the last 8 bytes of the file belong to no tensor");

    [Fact]
    public void TensorsListedOutOfOffsetOrderWithEmptyOnes_Accepted()
    {
        var json = "{" + Entry("b", "F32", "[1]", "[4,8]") + "," + Entry("empty", "F64", "[0,3]", "[4,4]") + "," + Entry("a", "I32", "[1]", "[0,4]") + "}";
        var path = Path.Combine(_folder, "ok.safetensors");
        File.WriteAllBytes(path, SafeTensorsTests.PyTorchStyleFile(json, [.. BitConverter.GetBytes(7), .. BitConverter.GetBytes(2.5f)]));
        var tensors = SafeTensors.Load(path).Tensors;
        Assert.Equal([7], tensors["a"].ToArray<int>());
        Assert.Equal([2.5f], tensors["b"].ToArray<float>());
        Assert.Equal(new Shape(0, 3), tensors["empty"].Shape);
    }

    [Theory]
    [InlineData(100_000_001UL, "more than the format's limit of 100000000 bytes")]
    [InlineData(ulong.MaxValue, "more than the format's limit")]
    [InlineData(1UL, "too short for a JSON object")]
    [InlineData(64UL, "runs past the end of the file of 24 bytes")]
    public void HeaderLengthOutOfRange_Rejected(ulong n, string fragment)
    {
        var file = new byte[24];
        BitConverter.GetBytes(n).CopyTo(file, 0);
        Rejects(file, $"header length {n}", fragment);
    }

    [Theory]
    [InlineData("{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}")]
    [InlineData("{\"w\":{\"dtype\":\"F\\udfff\",\"shape\":[0],\"data_offsets\":[0,0]}}")]
    [InlineData("{\"__metadata__\":{\"\\ud800x\":\"v\"}}")]
    [InlineData("{\"__metadata__\":{\"k\":\"\\udc00\"}}")]
    [InlineData("{\"__metadata__\":{\"k\":\"\\ud83d\\ud83d\"}}")]
    public void EscapedLoneSurrogate_Rejected(string json) => Rejects(json, 0, "not valid Unicode (an escaped lone surrogate");

    [Fact]
    public void EscapedSurrogatePair_AcceptedAsTheCharacter()
    {
        var path = Path.Combine(_folder, "emoji.safetensors");
        File.WriteAllBytes(path, SafeTensorsTests.PyTorchStyleFile("{\"__metadata__\":{\"k\":\"\\ud83d\\ude00\"}," + Entry("\\u00e9", "F32", "[0]", "[0,0]") + "}", []));
        var content = SafeTensors.Load(path);
        Assert.Equal("\U0001F600", content.Metadata["k"]);
        Assert.True(content.Tensors.ContainsKey("é"));
    }

    [Theory]
    [InlineData("[2147483647,2147483647,4]", "more than 2147483647 elements")]
    [InlineData("[4294967296]", "a dimension above 2147483647")]
    [InlineData("[99999999999999999999]", "shape[0] = 99999999999999999999 is not a non-negative integer")]
    public void ShapeWhoseSizeOverflows_Rejected(string shape, string fragment) =>
        Rejects("{" + Entry("w", "F32", shape, "[0,4]") + "}", 4, "tensor 'w'", fragment);

    [Fact]
    public void OffsetBeyondLong_Rejected() =>
        Rejects("{" + Entry("w", "F32", "[1]", "[0,18446744073709551615]") + "}", 4, "data_offsets[1] = 18446744073709551615 is not a non-negative integer");

    [Fact]
    public void MetadataNotAnObject_Rejected() => Rejects("{\"__metadata__\":[\"a\"]}", 0, "\"__metadata__\" is a JSON Array");

    [Fact]
    public void NulPaddingInsteadOfSpaces_Rejected()
    {
        var file = SafeTensorsTests.PyTorchStyleFile("{}", []);
        file[^1] = 0;
        Rejects(file, "not valid UTF-8 JSON");
    }
}
