using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends.Cpu;

public class GemmSelfCheckTests
{
    [Fact]
    public void Run_SmallMatrix_ReportsSmallErrorAndPositiveSpeed()
    {
        var result = GemmSelfCheck.Run(70, 1, SimdWidth.Auto);
        Assert.NotEqual(SimdWidth.Auto, result.Width);
        Assert.InRange(result.MaxRelativeError, 0, 1e-5);
        Assert.True(result.GflopsPerSecond > 0);
    }
}
