using System.Text.Json;

namespace Scratch.Cli.Tests;

[Collection("Console")]
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"scratch-cli-{Guid.NewGuid():N}");

    public TrainCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TrainThenEval_Json_PrintsOneObjectAndTheCheckpointReproducesTheTestError()
    {
        var path = Path.Combine(_folder, "fc10.safetensors");
        var (code, stdout, stderr) = Run("train", "--model", "fc10", "--epochs", "1", "--train-size", "1000", "--test-size", "500",
            "--lr", "0.05", "--batch-size", "32", "--seed", "3", "--json", "--out", path);
        Assert.True(code == 0, stderr);
        using var train = JsonDocument.Parse(stdout);
        foreach (var key in new[] { "model", "epochs", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "test_error", "seconds", "examples_per_second", "seed" })
        {
            Assert.True(train.RootElement.TryGetProperty(key, out _), $"missing key {key} in {stdout}");
        }
        Assert.Equal("fc10", train.RootElement.GetProperty("model").GetString());
        Assert.Equal(3UL, train.RootElement.GetProperty("seed").GetUInt64());
        Assert.True(train.RootElement.GetProperty("test_error").GetDouble() < 0.5, stdout);

        (code, stdout, stderr) = Run("eval", "--model", path, "--test-size", "500", "--json");
        Assert.True(code == 0, stderr);
        using var eval = JsonDocument.Parse(stdout);
        Assert.Equal(train.RootElement.GetProperty("test_error").GetDouble(), eval.RootElement.GetProperty("test_error").GetDouble());
    }

    [Fact]
    public void Train_NoOptions_UsesTheModelsRecipe_LogregOnThreesAndSevens()
    {
        // logreg's recipe trains on the digits 3 and 7 (one logit); the checkpoint records them and eval reuses them.
        var path = Path.Combine(_folder, "logreg.safetensors");
        var (code, stdout, stderr) = Run("train", "--model", "logreg", "--epochs", "1", "--train-size", "1000", "--test-size", "400", "--json", "--out", path);
        Assert.True(code == 0, stderr);
        using var train = JsonDocument.Parse(stdout);
        // Chance is 50%; one epoch on 1,000 images of 3s and 7s separates them well.
        Assert.True(train.RootElement.GetProperty("test_error").GetDouble() < 0.1, stdout);
        Assert.Equal("3,7", Scratch.Nn.Checkpoints.SafeTensors.Load(path).Metadata["classes"]);
        (code, stdout, stderr) = Run("eval", "--model", path, "--test-size", "400", "--json");
        Assert.True(code == 0, stderr);
        using var eval = JsonDocument.Parse(stdout);
        Assert.Equal(train.RootElement.GetProperty("test_error").GetDouble(), eval.RootElement.GetProperty("test_error").GetDouble());
    }

    [Fact]
    public void Train_LossBlowsUpWithoutNaN_ExitsWithOneAndSavesNothing()
    {
        var path = Path.Combine(_folder, "diverged.safetensors");
        var (code, _, stderr) = Run("train", "--model", "fc10", "--epochs", "1", "--train-size", "512", "--test-size", "100",
            "--optimizer", "adam", "--lr", "1e6", "--json", "--out", path);
        Assert.Equal(1, code);
        Assert.Contains("training diverged at epoch 1, batch 2", stderr);
        Assert.Contains("grew past", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("--model: ModelZoo: unknown model 'nope'", "train", "--model", "nope")]
    [InlineData("--lr: -1 is out of range; expected a number > 0", "train", "--model", "fc10", "--lr", "-1")]
    [InlineData("unknown device 'tpu'", "train", "--model", "fc10", "--device", "tpu")]
    [InlineData("--optimizer: 'rmsprop' is unknown; expected one of sgd, adam", "train", "--model", "fc10", "--optimizer", "rmsprop")]
    [InlineData("--schedule: 'linear' is unknown; expected one of constant, step, cosine", "train", "--model", "fc10", "--schedule", "linear")]
    [InlineData("--data: 'cifar' is unknown", "train", "--model", "fc10", "--data", "cifar")]
    [InlineData("needs exactly two classes; classes = 1,2,3", "train", "--model", "logreg", "--classes", "1,2,3")]
    [InlineData("does not exist", "eval", "--model", "/no/such/model.safetensors")]
    public void BadInput_ExitsWithTwoAndOneLineOnStderr(string expected, params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Eval_CheckpointWhoseShapesDoNotFitItsModel_ExitsWithTwo()
    {
        // logreg's weights [1, 784] labelled as fc10, whose weight is [10, 784].
        var path = Path.Combine(_folder, "mislabelled.safetensors");
        Scratch.Nn.ModelZoo.Create("logreg", new Generator(0)).Save(path, "fc10");
        var (code, _, stderr) = Run("eval", "--model", path);
        Assert.Equal(2, code);
        Assert.Contains("does not fit model 'fc10'", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Eval_FileThatIsNotACheckpoint_ExitsWithTwo()
    {
        var path = Path.Combine(_folder, "bad.safetensors");
        File.WriteAllText(path, "not a safetensors file");
        var (code, _, stderr) = Run("eval", "--model", path);
        Assert.Equal(2, code);
        Assert.Contains("bad.safetensors", stderr);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => CliRunner.Run(args);
}
