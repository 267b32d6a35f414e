namespace Scratch.Cli.Tests.Commands;

[Collection("Console")]
public sealed class GpuCheckCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"scratch-gpu-check-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Small_OnIlgpuCpu_PassesSaysNoCudaAndWritesTheTable()
    {
        var (code, stdout, stderr) = CliRunner.Run("gpu-check", "--small", "--device", "ilgpu-cpu", "--out", _folder);
        Assert.True(code == 0, stdout + stderr);
        // Here no CUDA device exists, and the table says so; on a GPU machine it lists the GPU instead.
        var hasCuda = Devices.List().Any(d => d.Device.Kind == DeviceKind.Cuda);
        Assert.Equal(!hasCuda, stdout.Contains("| devices | cuda | no CUDA device found |", StringComparison.Ordinal));
        Assert.StartsWith("# scratch gpu-check: PASSED", stdout);
        foreach (var section in new[] { "| warm-up |", "| kernels | MatMul |", "| sgemm |", "| bandwidth |", "| mnist epoch | fc10: ilgpu-cpu:0 against cpu", "| fgsm | fc10: ilgpu-cpu:0 against cpu" })
        {
            Assert.Contains(section, stdout);
        }
        Assert.DoesNotContain("| FAIL |", stdout);
        Assert.Equal(stdout, File.ReadAllText(Path.Combine(_folder, "gpu-check.md")));
        Assert.Contains("kernels compiled for ilgpu-cpu:0", stdout);
    }

    [Fact]
    public void HostDevice_ExitsWithTwoAndOneLine()
    {
        var (code, _, stderr) = CliRunner.Run("gpu-check", "--small", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("host device", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void SimulatorWithoutSmall_ExitsWithOneAndSaysWhy()
    {
        var (code, stdout, _) = CliRunner.Run("gpu-check", "--device", "ilgpu-cpu");
        Assert.Equal(1, code);
        Assert.Contains("refused without --small", stdout);
        Assert.StartsWith("# scratch gpu-check: FAILED", stdout);
    }
}
