using Scratch.Reports.Plots;

namespace Scratch.Reports.Tests.Plots;

public class LogTicksTests
{
    [Theory]
    [InlineData(1, 1000, "1 10 100 1000")]
    [InlineData(0.01, 0.3, "0.01 0.02 0.05 0.1 0.2")]
    [InlineData(0.2, 0.5, "0.2 0.3 0.4 0.5")]
    [InlineData(0.25, 0.3, "0.25 0.3")]
    [InlineData(0.007, 0.007, "0.007")]
    public void Between_PicksTheSparsestMantissasGivingThreeTicks(double min, double max, string expected)
    {
        var ticks = LogTicks.Between(min, max);
        Assert.Equal(expected, string.Join(" ", ticks.Select(t => t.Label)));
        Assert.All(ticks, t => Assert.InRange(t.Value, min * (1 - 1e-9), max * (1 + 1e-9)));
    }

    [Fact]
    public void Between_NonPositiveMin_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => LogTicks.Between(0, 1));
}
