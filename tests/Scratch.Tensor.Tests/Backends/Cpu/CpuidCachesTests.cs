using System.Text;
using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends.Cpu;

// Register values as the processors report them; sizes as their vendors state them.
public class CpuidCachesTests
{
    private const int AmdCacheLeaf = unchecked((int)0x8000001D);

    [Fact]
    public void Decode_IntelLeaf4_SkylakeClient()
    {
        // Core i7-6700: L1d 32 KiB (8-way, 64 sets), L1i, L2 256 KiB (4-way, 1024 sets), L3 8 MiB (16-way, 8192 sets).
        var leaf4 = new (int, int, int)[]
        {
            (0x1C004121, 0x01C0003F, 0x0000003F), (0x1C004122, 0x01C0003F, 0x0000003F),
            (0x1C004143, 0x00C0003F, 0x000003FF), (0x1C03C163, 0x03C0003F, 0x00001FFF), (0, 0, 0),
        };
        var sizes = CpuidCaches.Decode(Processor("GenuineIntel", maxBasic: 0x16, leaf4: leaf4));
        Assert.Equal(new CacheSizes(32 * 1024, 256 * 1024, 8 * 1024 * 1024), sizes);
    }

    [Fact]
    public void Decode_AmdLeaf8000001D_Zen4()
    {
        // Zen 4: L1d 32 KiB (8-way), L2 1 MiB (8-way, 2048 sets), L3 32 MiB per CCX (16-way, 32768 sets).
        var leaf = new (int, int, int)[]
        {
            (0x00004121, 0x01C0003F, 0x0000003F), (0x00004122, 0x01C0003F, 0x0000003F),
            (0x00004143, 0x01C0003F, 0x000007FF), (0x0003C163, 0x03C0003F, 0x00007FFF), (0, 0, 0),
        };
        var sizes = CpuidCaches.Decode(Processor("AuthenticAMD", maxBasic: 0x10, amdLeaf: leaf, topologyExtensions: true));
        Assert.Equal(new CacheSizes(32 * 1024, 1024 * 1024, 32 * 1024 * 1024), sizes);
    }

    [Fact]
    public void Decode_AmdWithoutTopologyExtensions_UsesLegacyLeaves()
    {
        // The Zen 5 (EPYC, family 0x1A) guest these benchmarks ran on: leaf 0x8000001D hidden (TopologyExtensions off),
        // 0x80000005 ECX = 300C0140 (L1d 48 KiB), 0x80000006 ECX = 04006140 (L2 1024 KiB),
        // EDX = 0FE09140 (L3 1016 × 512 KiB: the whole package, 16 CCDs).
        var sizes = CpuidCaches.Decode(Processor("AuthenticAMD", maxBasic: 0xD, l1Ecx: 0x300C0140, l2Ecx: 0x04006140,
            l3Edx: 0x0FE09140, topologyExtensions: false));
        Assert.Equal(new CacheSizes(48 * 1024, 1024 * 1024, 1016L * 512 * 1024), sizes);
    }

    [Fact]
    public void Decode_NoCacheLeaves_ReturnsNull()
    {
        var sizes = CpuidCaches.Decode(Processor("GenuineIntel", maxBasic: 2));
        Assert.Null(sizes);
    }

    [Fact]
    public void Read_OnThisMachine_ReportsNothingOrOrderedSizes()
    {
        if (CpuidCaches.Read() is { } sizes)
        {
            Assert.True(sizes.L1Data is 0 or >= 8 * 1024, $"L1d {sizes.L1Data}");
            Assert.True(sizes.L2 == 0 || sizes.L2 >= sizes.L1Data, $"L2 {sizes.L2} < L1d {sizes.L1Data}");
        }
    }

    /// <summary>A CPUID that answers like a processor of the given vendor; unknown leaves answer zero.</summary>
    private static CpuidCaches.Query Processor(string vendor, int maxBasic, (int, int, int)[]? leaf4 = null,
        (int, int, int)[]? amdLeaf = null, bool topologyExtensions = false, int l1Ecx = 0, int l2Ecx = 0, int l3Edx = 0)
    {
        var bytes = Encoding.ASCII.GetBytes(vendor);
        int ebx = BitConverter.ToInt32(bytes, 0), edx = BitConverter.ToInt32(bytes, 4), ecx = BitConverter.ToInt32(bytes, 8);
        return (leaf, sub) => leaf switch
        {
            0 => (maxBasic, ebx, ecx, edx),
            4 when leaf4 is not null => Sub(leaf4, sub),
            unchecked((int)0x80000000) => (unchecked((int)0x80000021), 0, 0, 0),
            unchecked((int)0x80000001) => (0, 0, topologyExtensions ? 1 << 22 : 0, 0),
            unchecked((int)0x80000005) => (0, 0, l1Ecx, 0),
            unchecked((int)0x80000006) => (0, 0, l2Ecx, l3Edx),
            AmdCacheLeaf when amdLeaf is not null => Sub(amdLeaf, sub),
            _ => (0, 0, 0, 0),
        };
    }

    private static (int, int, int, int) Sub((int Eax, int Ebx, int Ecx)[] table, int sub) =>
        sub < table.Length ? (table[sub].Eax, table[sub].Ebx, table[sub].Ecx, 0) : (0, 0, 0, 0);
}
