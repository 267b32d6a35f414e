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
}
