using System.Text.Json;

namespace Scratch.Cli.Tests;

[Collection("Console")]
public sealed class AttackCommandTests
{
    private static readonly Lazy<string> Checkpoint = new(TrainFc10);
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"scratch-attack-{Guid.NewGuid():N}");

    [Fact]
    public void Fgsm_ListOfEpsilons_JsonHasTheMetricsAtTopLevelAndPerEpsilon()
    {
        var (code, stdout, stderr) = CliRunner.Run("attack", "fgsm", "--model", Checkpoint.Value, "--n", "300", "--eps", "0.1,0.25", "--batch-size", "128", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        foreach (var key in new[] { "attack", "model", "examples", "seconds", "clean_accuracy", "error_rate", "success_rate", "mean_confidence", "mean_confidence_on_mistakes", "mean_distortion", "per_epsilon" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key} in {stdout}");
        }
        Assert.Equal("fgsm", root.GetProperty("attack").GetString());
        Assert.Equal("fc10", root.GetProperty("model").GetString());
        Assert.Equal(300, root.GetProperty("examples").GetInt32());
        var perEpsilon = root.GetProperty("per_epsilon").EnumerateArray().ToArray();
        Assert.Equal(new[] { 0.1, 0.25 }, perEpsilon.Select(e => e.GetProperty("epsilon").GetDouble()));
        Assert.Equal(root.GetProperty("error_rate").GetDouble(), perEpsilon[0].GetProperty("error_rate").GetDouble());
        // Goodfellow et al.: a shallow softmax classifier is broken by ε = 0.25 (99.9% error); a larger ε errs more.
        Assert.True(perEpsilon[1].GetProperty("error_rate").GetDouble() >= 0.9, stdout);
        Assert.True(perEpsilon[1].GetProperty("error_rate").GetDouble() > perEpsilon[0].GetProperty("error_rate").GetDouble());
    }

    [Fact]
    public void Lbfgs_FewExamples_ReportsDistortionAndSuccess()
    {
        var (code, stdout, stderr) = CliRunner.Run("attack", "lbfgs", "--model", Checkpoint.Value, "--n", "4", "--c-steps", "2", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(1.0, json.RootElement.GetProperty("success_rate").GetDouble());
        Assert.InRange(json.RootElement.GetProperty("mean_distortion").GetDouble(), 0.005, 0.2);
        Assert.False(json.RootElement.TryGetProperty("per_epsilon", out _));
    }

    [Theory]
    [InlineData("attack 'cw' is unknown", "cw")]
    [InlineData("--target 'nearest' is unknown", "fgsm", "--target", "nearest")]
    [InlineData("epsilon = -1", "fgsm", "--eps", "-1")]
    [InlineData("--eps '1x' is not a finite number", "fgsm", "--eps", "0.1,0,1x")]
    [InlineData("--eps does not apply to lbfgs", "lbfgs", "--eps", "0.1")]
    [InlineData("--norm 'l1' is unknown", "pgd", "--norm", "l1")]
    [InlineData("is the true label of example", "fgsm", "--target", "7", "--n", "50")]
    [InlineData("--n = 0", "fgsm", "--n", "0")]
    public void BadInput_ExitsWithTwoAndOneLineOnStderr(string expected, params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(["attack", .. args, "--model", Checkpoint.Value]);
        Assert.True(code == 2, $"exit code {code}; stderr: {stderr}");
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stderr);
        Assert.Empty(stdout);
    }

    private static string TrainFc10()
    {
        Directory.CreateDirectory(Folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Folder, recursive: true);
        var path = Path.Combine(Folder, "fc10.safetensors");
        var (code, _, stderr) = CliRunner.Run("train", "--model", "fc10", "--epochs", "1", "--train-size", "2000", "--test-size", "200",
            "--lr", "0.1", "--batch-size", "50", "--seed", "1", "--json", "--out", path);
        Assert.True(code == 0, stderr);
        return path;
    }
}
