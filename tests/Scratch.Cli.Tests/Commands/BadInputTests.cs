using System.Text;
using Scratch.IO;
using Scratch.Nn;
using Scratch.Nn.Checkpoints;
using Scratch.Tests.Support;
using static Scratch.Cli.Tests.OneLineError;

namespace Scratch.Cli.Tests;

/// <summary>Each hostile input of issue 14 that reaches the command line: one line on stderr, exit code 2, before any work.</summary>
[Collection("Console")]
public sealed class BadInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-cli-bad-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] SafeTensorsFile(string json, int dataBytes = 0)
    {
        var header = Encoding.UTF8.GetBytes(json);
        return [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[dataBytes]];
    }

    [Theory]
    [InlineData("{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}")]
    [InlineData("{\"__metadata__\":{\"model\":\"fc10\\udfff\"}}")]
    public void Eval_CheckpointWithAnEscapedLoneSurrogate_OneLine(string json) =>
        AssertBadInput(CliRunner.Run("eval", "--model", File("surrogate.safetensors", SafeTensorsFile(json))), "not valid Unicode");

    [Fact]
    public void Eval_CheckpointWhoseFirstTensorIsInt32_OneLineNamingTheFile()
    {
        var path = Path.Combine(_folder, "int.safetensors");
        var state = ModelZoo.Create("logreg", new Generator(1)).StateDict();
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["1.bias"] = state["1.bias"].To(DType.Int32), ["1.weight"] = state["1.weight"] },
            new Dictionary<string, string> { ["model"] = "logreg" });
        AssertBadInput(CliRunner.Run("eval", "--model", path), $"safetensors file '{path}': tensor '1.bias' is int32");
    }

    [Fact]
    public void Eval_SparseCheckpointOver2GiB_OneLine()
    {
        var path = File("huge.safetensors", SafeTensorsFile("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4));
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength((2L << 30) + 64);
        }
        AssertBadInput(CliRunner.Run("eval", "--model", path), "belong to no tensor");
    }

    [Fact]
    public void Eval_ModelIsAFifo_OneLineWithoutBlocking()
    {
        var fifo = SpecialFiles.Fifo(Path.Combine(_folder, "model.safetensors"));
        SpecialFiles.FinishesWithoutBlocking(() => AssertBadInput(CliRunner.Run("eval", "--model", fifo), "is a FIFO (named pipe), not a regular file"));
    }

    [Theory]
    [InlineData("/dev/zero", "is a character device, not a regular file")]
    [InlineData("/", "is a directory, not a regular file")]
    [InlineData("/no/such/model.safetensors", "does not exist")]
    public void Eval_ModelNotARegularFile_OneLine(string path, string fragment) =>
        AssertBadInput(CliRunner.Run("eval", "--model", path), $"--model: file '{path}' {fragment}");

    [Theory]
    [InlineData("/", "is a directory")]
    [InlineData("/dev/null", "is a character device; only a regular file may be written or replaced")]
    [InlineData("/no/such/folder/m.safetensors", "--out: the folder '/no/such/folder' of '/no/such/folder/m.safetensors' does not exist")]
    public void Train_UnwritableOut_RefusedBeforeReadingAnyData(string path, string fragment)
    {
        // The data folder is empty, so reaching the data would fail differently ("Fashion-MNIST not found").
        AssertBadInput(CliRunner.Run("train", "--model", "fc10", "--data", "fashion-mnist", "--data-dir", _folder, "--out", path), fragment);
        AssertBadInput(CliRunner.Run("train", "--model", "fc10", "--out", path, "--dry-run"), fragment);
        Assert.Equal(FileKind.CharacterDevice, FileProbe.Kind("/dev/null"));
    }

    [Fact]
    public void Train_OutNameOf300Characters_RefusedBeforeAnyWork() =>
        AssertBadInput(CliRunner.Run("train", "--model", "fc10", "--out", Path.Combine(_folder, new string('x', 300)), "--dry-run"), "is 300 bytes; at most 217 fit");

    [Theory]
    [InlineData("46341")]
    [InlineData("65536")]
    [InlineData("100000")]
    [InlineData("0")]
    [InlineData("-5")]
    public void SelfCheck_SizeOutOfRange_OneLine(string n) =>
        AssertBadInput(CliRunner.Run("selfcheck", "-n", n), $"--size: {n} is out of range; expected an integer from 1 to 8192");

    [Theory]
    [InlineData("--lr", "1,5")]
    [InlineData("--momentum", "0,9")]
    [InlineData("--weight-decay", "1,5")]
    [InlineData("--max-norm", "1,9")]
    [InlineData("--lr", "1.000,5")]
    [InlineData("--lr", " 0.1")]
    [InlineData("--lr", "NaN")]
    [InlineData("--lr", "Infinity")]
    [InlineData("--lr", "1e999")]
    [InlineData("--epochs", "1,000")]
    [InlineData("--seed", "-1")]
    public void Train_NumberThatIsNotStrictlyOne_OneLine(string option, string value) =>
        AssertBadInput(CliRunner.Run("train", "--model", "fc10", option, value, "--dry-run"), $"{option}: '{value}' is not");

    [Theory]
    [InlineData("logreg", "1,2,3", "the logistic objective (one logit) needs exactly two classes; classes = 1,2,3")]
    [InlineData("fc10", ",", "has an empty entry")]
    [InlineData("fc10", "3,,7", "has an empty entry")]
    [InlineData("fc10", "3,7,", "has an empty entry")]
    [InlineData("fc10", "3,3", "names a class twice")]
    [InlineData("fc10", "3,10", "is not a class number")]
    [InlineData("fc10", "7", "names fewer than two classes")]
    public void Train_ClassesThatDoNotFit_OneLine(string model, string classes, string fragment) =>
        AssertBadInput(CliRunner.Run("train", "--model", model, "--classes", classes, "--dry-run"), fragment);

    [Theory]
    [InlineData("cpu:1", "cpu takes no ordinal")]
    [InlineData("cuda:x", "bad device ordinal")]
    [InlineData("ilgpu-cpu:7", "does not exist on this machine")]
    [InlineData("tpu", "unknown device 'tpu'")]
    public void Train_DeviceThatIsNotOne_OneLine(string device, string fragment) =>
        AssertBadInput(CliRunner.Run("train", "--model", "fc10", "--device", device, "--dry-run"), fragment);

    [Theory]
    [InlineData("Option '--model' is required", "train")]
    [InlineData("Unrecognized command or argument '--bogus'", "train", "--model", "fc10", "--bogus")]
    [InlineData("Required argument missing for option: '--lr'", "train", "--model", "fc10", "--lr")]
    [InlineData("Required command was not provided", "")]
    [InlineData("Unrecognized command or argument '@/dev/zero'", "train", "@/dev/zero")]
    [InlineData("expects a single argument", "train", "--model", "fc10", "--lr", "1", "--lr", "2")]
    public void ParseError_OneLineNoHelp(string fragment, params string[] args) =>
        AssertBadInput(CliRunner.Run(args.Where(a => a.Length > 0).ToArray()), fragment);

    [Fact]
    public void Verbose_AddsTheStackTraceAfterTheLine()
    {
        var (code, _, stderr) = CliRunner.Run("eval", "--model", File("bad.safetensors", [1, 2, 3]), "--verbose");
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains("   at ", stderr);
    }

    [Fact]
    public void Eval_OtherClassesThanTheModelWasTrainedOn_OneLine()
    {
        var path = Path.Combine(_folder, "fc10.safetensors");
        ModelZoo.Create("fc10", new Generator(1)).Save(path, "fc10", new Dictionary<string, string> { ["classes"] = "3,7" });
        AssertBadInput(CliRunner.Run("eval", "--model", path, "--classes", "1,2", "--dry-run"), "was trained on classes 3,7; evaluating it on 1,2");
    }

    [Fact]
    public void Eval_OneLogitCheckpointTrainedOnTenClasses_OneLine()
    {
        var path = Path.Combine(_folder, "logreg.safetensors");
        ModelZoo.Create("logreg", new Generator(1)).Save(path, "logreg", new Dictionary<string, string> { ["classes"] = "0,1,2,3,4,5,6,7,8,9" });
        AssertBadInput(CliRunner.Run("eval", "--model", path, "--dry-run"), "model 'logreg' trained on classes 0,1,2,3,4,5,6,7,8,9: the logistic objective (one logit) needs exactly two classes");
    }

    [Fact]
    public void DryRun_ValidOptions_ExitsZeroAndWritesNothing()
    {
        var (code, stdout, stderr) = CliRunner.Run("train", "--model", "logreg", "--lr", "1e-3", "--out", Path.Combine(_folder, "m.safetensors"), "--dry-run");
        Assert.True(code == 0, stderr);
        Assert.Equal("", stdout + stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }
}
