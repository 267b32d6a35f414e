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

    [Fact]
    public void Blocking_Zen5Caches_FillsHalfOfL1AndL2()
    {
        // 48 KiB L1d: kc = 24 KiB / (12 · 4 B) = 512; 1 MiB L2: nc = 512 KiB / (512 · 4 B) = 256;
        // 32 MiB L3 over 2 cores: mc = 8 MiB / (512 · 4 B) = 4096, rounded down to 12 rows: 4092.
        var blocking = GemmBlocking.For(12, 32, sizeof(float), new CacheSizes(48 * 1024, 1024 * 1024, 32 * 1024 * 1024), 2);
        Assert.Equal(new GemmBlocking(512, 4092, 256), blocking);
    }

    [Fact]
    public void Blocking_FallbackCaches_MatchesTheModel()
    {
        // 32 KiB: kc = 16384 / 48 = 341 → 336 (a multiple of 8); 512 KiB: nc = 262144 / 1344 = 195 → 192;
        // 8 MiB over 2 cores: mc = 2 MiB / 1344 = 1560.
        var blocking = GemmBlocking.For(12, 32, sizeof(float), new CacheSizes(32 * 1024, 512 * 1024, 8 * 1024 * 1024), 2);
        Assert.Equal(new GemmBlocking(336, 1560, 192), blocking);
    }

    [Fact]
    public void Merge_TakesEachLevelFromTheFirstSourceThatHasIt()
    {
        var (l1, l2, l3, source) = CpuCacheInfo.Merge(new CacheSizes(64 * 1024, 0, 0), new CacheSizes(48 * 1024, 1 << 20, 0));
        Assert.Equal((64 * 1024L, 1L << 20, 8L << 20), (l1, l2, l3));
        Assert.Equal("sysfs+CPUID+fallback", source);
        Assert.Equal("CPUID", CpuCacheInfo.Merge(default, new CacheSizes(1, 2, 3)).Source);
        Assert.Equal("fallback", CpuCacheInfo.Merge(default, default).Source);
    }
}
