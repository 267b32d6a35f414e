namespace Scratch.Tests.Diagnostics;

[Collection("gpu")]
public sealed class TimingTests
{
    [Fact]
    public void Measure_RunsOnceUntimedThenEachRepetition_SynchronisingAroundEach()
    {
        var (runs, syncs) = (0, 0);
        var stats = Timing.Measure(() => runs++, 4, () => syncs++);
        Assert.Equal(5, runs);
        Assert.Equal(10, syncs);
        Assert.Equal(4, stats.Repetitions);
        Assert.True(stats.Min <= stats.Median && stats.Median <= stats.Max, stats.ToString());
    }

    [Fact]
    public void Measure_ZeroRepetitions_NamesTheArgument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Timing.Measure(() => { }, 0));
        Assert.Equal("repetitions", error.ParamName);
    }

    [Fact]
    public void Stats_SpreadAndFormat()
    {
        var stats = new TimingStats(0.002, 0.0015, 0.003, 5);
        Assert.Equal(0.75, stats.Spread, 12);
        Assert.Equal("median 2.00 ms (1.50 ms–3.00 ms, 5 runs)", stats.ToString());
        Assert.Equal("2.50 s", TimingStats.Format(2.5));
        Assert.Equal("12.0 µs", TimingStats.Format(12e-6));
        Assert.Equal("12345 GFLOP/s", TimingStats.Rate(12345.4, "GFLOP/s"));
        Assert.Equal("61.2 GB/s", TimingStats.Rate(61.24, "GB/s"));
        Assert.Equal("0.0271 GB/s", TimingStats.Rate(0.027149, "GB/s"));
    }

    [Fact]
    public void MeasureOnDevice_ReturnsEachRunsBuffersToThePool()
    {
        var d = new Device(DeviceKind.IlgpuCpu);
        var x = Tensor.Rand([1000], new Generator(1), device: d);
        Timing.Measure(d, () => x.Exp(), 2);
        var allocations = Devices.MemoryStats(d).DeviceAllocations;
        Timing.Measure(d, () => x.Exp(), 3);
        Assert.Equal(allocations, Devices.MemoryStats(d).DeviceAllocations);
    }
}
