using Scratch.Nn.Checkpoints;

namespace Scratch.Nn.Tests;

public sealed class ModuleCheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-nn-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("fc100-100-10")]
    [InlineData("maxout")]
    [InlineData("rbf")]
    [InlineData("conv")]
    public void SaveThenLoad_GivesIdenticalLogits(string name)
    {
        var model = ModelZoo.Create(name, new Generator(11)).Eval();
        var path = Path.Combine(_folder, $"{name}.safetensors");
        model.Save(path, name);
        var loaded = ModelZoo.LoadCheckpoint(path);
        loaded.Model.Eval();
        var x = new Variable(Tensor.Rand(new Shape(3, 1, 28, 28), new Generator(4)));
        Assert.Equal(name, loaded.Name);
        Assert.Equal("pt", loaded.Metadata["format"]);
        Assert.Equal(model.Forward(x).Data.ToArray<float>(), loaded.Model.Forward(x).Data.ToArray<float>());
    }

    [Fact]
    public void Load_FileWithoutModelName_Throws()
    {
        var path = Path.Combine(_folder, "bare.safetensors");
        SafeTensors.Save(path, ModelZoo.Create("fc10", new Generator(1)).StateDict());
        var e = Assert.Throws<InvalidDataException>(() => ModelZoo.Load(path));
        Assert.Contains("\"model\" is missing", e.Message);
    }

    [Fact]
    public void Load_TensorsOfAnotherModel_NamesTheMismatch()
    {
        var path = Path.Combine(_folder, "liar.safetensors");
        SafeTensors.Save(path, ModelZoo.Create("fc10", new Generator(1)).StateDict(), new Dictionary<string, string> { ["model"] = "logreg" });
        var e = Assert.Throws<InvalidDataException>(() => ModelZoo.Load(path));
        Assert.Contains("'1.weight': shape [10, 784] in the state, [1, 784] in the model", e.Message);
    }

    private string SaveLogreg(string file, DType biasDType, DType weightDType)
    {
        var state = ModelZoo.Create("logreg", new Generator(2)).StateDict();
        var path = Path.Combine(_folder, file);
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["1.bias"] = state["1.bias"].To(biasDType), ["1.weight"] = state["1.weight"].To(weightDType) },
            new Dictionary<string, string> { ["model"] = "logreg" });
        return path;
    }

    [Fact]
    public void Load_Int32FirstTensor_InvalidDataNamingTheFileAndTensor()
    {
        var path = SaveLogreg("int.safetensors", DType.Int32, DType.Float32);
        var e = Assert.Throws<InvalidDataException>(() => ModelZoo.LoadCheckpoint(path));
        Assert.Contains($"safetensors file '{path}': tensor '1.bias' is int32; a model's parameters are float32 or float64", e.Message);
    }

    [Fact]
    public void Load_MixedFloatDTypes_InvalidDataNamingBoth()
    {
        var path = SaveLogreg("mixed.safetensors", DType.Float64, DType.Float32);
        var e = Assert.Throws<InvalidDataException>(() => ModelZoo.LoadCheckpoint(path));
        Assert.Contains("tensor '1.bias' is float64 but '1.weight' is float32", e.Message);
    }

    [Fact]
    public void Load_Float64Checkpoint_GivesAFloat64Model()
    {
        var path = SaveLogreg("f64.safetensors", DType.Float64, DType.Float64);
        var model = ModelZoo.LoadCheckpoint(path).Model;
        Assert.All(model.NamedParameters(), p => Assert.Equal(DType.Float64, p.Parameter.Value.DType));
    }
}
