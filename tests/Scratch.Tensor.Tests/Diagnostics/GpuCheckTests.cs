using Scratch.Tests.Gpu;

namespace Scratch.Tests.Diagnostics;

[Collection("gpu")]
public sealed class GpuCheckTests
{
    private static readonly Device Simulator = new(DeviceKind.IlgpuCpu);

    private sealed class RowsStep(string section, Action<GpuCheckReport> body) : IGpuCheckStep
    {
        public string Section => section;

        public int Runs { get; private set; }

        public void Run(GpuCheckContext context, GpuCheckReport report)
        {
            Runs++;
            body(report);
        }
    }

    private static GpuCheckContext Small(List<string>? log = null) => new(Simulator, Small: true, line => log?.Add(line));

    [Fact]
    public void Run_ListsDevicesCudaFirstAndTimesTheWarmUpApart()
    {
        var log = new List<string>();
        var report = GpuCheck.Run(Small(log), [new RowsStep("fake", r => r.Add("fake", "one", "ok", "", CheckStatus.Pass))]);
        Assert.True(report.Passed, report.ToMarkdown());
        var devices = report.Rows.Where(r => r.Section == "devices").Select(r => r.Item).ToList();
        Assert.Equal("host", devices[0]);
        Assert.Contains("ilgpu-cpu:0", devices);
        Assert.True(devices.IndexOf("ilgpu-cpu:0") < devices.IndexOf("cpu"));
        Assert.Equal(GpuTestDevices.HasCuda, !report.Rows.Any(r => r.Result == "no CUDA device found"));
        var warmUp = Assert.Single(report.Rows, r => r.Section == "warm-up");
        Assert.Contains("kernels", warmUp.Detail);
        Assert.Contains(log, l => l.StartsWith("fake: one: ok", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_StepThrows_FailedRowKeepsEarlierRowsAndTheNextStepRuns()
    {
        var next = new RowsStep("next", r => r.Add("next", "after", "ok", "", CheckStatus.Pass));
        var report = GpuCheck.Run(Small(), [
            new RowsStep("broken", r =>
            {
                r.Add("broken", "before", "1", "");
                throw new InvalidOperationException("kernel launch failed");
            }),
            next,
        ]);
        Assert.False(report.Passed);
        Assert.Contains(report.Rows, r => r is { Section: "broken", Item: "before" });
        var error = Assert.Single(report.Rows, r => r.Status == CheckStatus.Fail);
        Assert.Equal(("broken", "error", "InvalidOperationException", "kernel launch failed"), (error.Section, error.Item, error.Result, error.Detail));
        Assert.Equal(1, next.Runs);
    }

    [Fact]
    public void Run_SimulatorWithoutSmall_FailsWithoutRunningTheSteps()
    {
        var step = new RowsStep("never", r => r.Add("never", "x", "ok", "", CheckStatus.Pass));
        var report = GpuCheck.Run(new GpuCheckContext(Simulator, Small: false, _ => { }), [step]);
        Assert.False(report.Passed);
        Assert.Equal(0, step.Runs);
        Assert.Contains(report.Rows, r => r.Status == CheckStatus.Fail && r.Result == "refused without --small");
    }

    [Fact]
    public void Run_HostDeviceOrMissingDevice_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => GpuCheck.Run(new GpuCheckContext(Device.Cpu, true, _ => { }), []));
        Assert.Contains("host device", error.Message);
        var missing = GpuCheck.Run(new GpuCheckContext(new Device(DeviceKind.Cuda, 9), true, _ => { }), []);
        Assert.False(missing.Passed);
        Assert.Contains(missing.Rows, r => r is { Item: "cuda:9", Result: "not available", Status: CheckStatus.Fail });
    }

    [Fact]
    public void Report_OnlyInfoRows_HasNotPassed()
    {
        var report = new GpuCheckReport(Small());
        report.Add("s", "figure", "1 GB/s", "");
        Assert.False(report.Passed);
        report.Add("s", "comparison", "agrees", "", CheckStatus.Pass);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Report_Markdown_HasVerdictAndEscapedTableLast_AndIsWrittenAtomically()
    {
        var report = new GpuCheckReport(Small());
        report.Add("kernels", "a | b", "2/3 agree", "line one\nline two", CheckStatus.Fail);
        var markdown = report.ToMarkdown();
        Assert.StartsWith("# scratch gpu-check: FAILED (0 passed, 1 failed)", markdown);
        Assert.EndsWith("| kernels | a \\| b | 2/3 agree | line one line two | FAIL |" + Environment.NewLine, markdown);
        var folder = Path.Combine(Path.GetTempPath(), $"scratch-gpu-check-{Guid.NewGuid():N}");
        try
        {
            var path = report.WriteMarkdown(Path.Combine(folder, "gpu-check.md"));
            Assert.Equal(markdown, File.ReadAllText(path));
            Assert.Equal([path], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
