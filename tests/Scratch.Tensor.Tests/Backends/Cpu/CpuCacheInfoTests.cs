using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends.Cpu;

public class CpuCacheInfoTests
{
    [Theory]
    [InlineData("48K", 48 * 1024)]
    [InlineData("1024K", 1024 * 1024)]
    [InlineData("32M", 32 * 1024 * 1024)]
    [InlineData("512", 512)]
    [InlineData("", -1)]
    [InlineData("abcK", -1)]
    public void ParseSize_SysfsFormats_ParsesBytes(string text, long expected) =>
        Assert.Equal(expected, CpuCacheInfo.ParseSize(text));

    [Fact]
    public void Sizes_AreOrderedAndPositive()
    {
        Assert.True(CpuCacheInfo.L1Data > 0);
        Assert.True(CpuCacheInfo.L2 >= CpuCacheInfo.L1Data);
        Assert.True(CpuCacheInfo.L3 > 0);
    }

    [Fact]
    public void Blocking_IsMultipleOfTile()
    {
        var blocking = GemmBlocking.For(12, 32, sizeof(float));
        Assert.Equal(0, blocking.Mc % 12);
        Assert.Equal(0, blocking.Nc % 32);
        Assert.InRange(blocking.Kc, 64, 512);
    }
}
