using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Data-cache sizes from the processor itself (CPUID), for machines whose Linux sysfs has no cache entries (many
/// virtual machines). Leaves, in order of preference:
/// AMD/Hygon with TopologyExtensions, leaf 0x8000001D, and Intel, leaf 4 ("deterministic cache parameters", the
/// same layout on both: AMD64 Architecture Programmer's Manual vol. 3, appendix E.4.15; Intel SDM vol. 2A, CPUID):
/// one subleaf per cache, EAX[4:0] the type (0 = no more caches, 1 data, 2 instruction, 3 unified), EAX[7:5] the
/// level, and size = ways · partitions · line size · sets = (EBX[31:22]+1)·(EBX[21:12]+1)·(EBX[11:0]+1)·(ECX+1).
/// AMD without it (hypervisors often hide TopologyExtensions), the legacy leaves (appendix E.4.5, E.4.6):
/// L1d = 0x80000005 ECX[31:24] KiB, L2 = 0x80000006 ECX[31:16] KiB, L3 = 0x80000006 EDX[31:18] · 512 KiB
/// (the L3 of the whole package there, not of one core complex).
/// </summary>
internal static class CpuidCaches
{
    private const int AmdCacheLeaf = unchecked((int)0x8000001D);
    private const int ExtendedMax = unchecked((int)0x80000000);
    private const int ExtendedFeatures = unchecked((int)0x80000001);
    private const int AmdL1Leaf = unchecked((int)0x80000005);
    private const int AmdL2L3Leaf = unchecked((int)0x80000006);

    /// <summary>One CPUID query: (EAX, EBX, ECX, EDX) for a leaf and subleaf.</summary>
    public delegate (int Eax, int Ebx, int Ecx, int Edx) Query(int leaf, int subleaf);

    /// <summary>This processor's cache sizes, or null where CPUID is unavailable (not x86) or reports none.</summary>
    public static CacheSizes? Read() => X86Base.IsSupported ? Decode(static (leaf, sub) => X86Base.CpuId(leaf, sub)) : null;

    /// <summary>The cache sizes that <paramref name="cpuid"/> reports, or null where it reports none.</summary>
    public static CacheSizes? Decode(Query cpuid)
    {
        var (maxBasic, ebx, ecx, edx) = cpuid(0, 0);
        string vendor = Ascii(ebx) + Ascii(edx) + Ascii(ecx);
        bool amd = vendor is "AuthenticAMD" or "HygonGenuine";
        uint maxExtended = (uint)cpuid(ExtendedMax, 0).Eax;
        CacheSizes? sizes = null;
        if (amd && maxExtended >= 0x8000001Du && (cpuid(ExtendedFeatures, 0).Ecx & (1 << 22)) != 0)
        {
            sizes = FromCacheParameters(cpuid, AmdCacheLeaf);
        }
        else if (!amd && maxBasic >= 4)
        {
            sizes = FromCacheParameters(cpuid, 4);
        }

        if (sizes is null && amd && maxExtended >= 0x80000006u)
        {
            sizes = FromAmdLegacy(cpuid);
        }

        return sizes;
    }

    /// <summary>Walks the subleaves of a deterministic-cache-parameters leaf (4 or 0x8000001D).</summary>
    private static CacheSizes? FromCacheParameters(Query cpuid, int leaf)
    {
        long l1 = 0, l2 = 0, l3 = 0;
        for (int sub = 0; sub < 32; sub++)
        {
            var (eax, ebx, ecx, _) = cpuid(leaf, sub);
            int type = eax & 0x1F;
            if (type == 0)
            {
                break;
            }

            if (type == 2)
            {
                continue;
            }

            long ways = ((uint)ebx >> 22) + 1, partitions = ((ebx >> 12) & 0x3FF) + 1, line = (ebx & 0xFFF) + 1;
            long size = ways * partitions * line * ((long)(uint)ecx + 1);
            switch ((eax >> 5) & 7)
            {
                case 1: l1 = size; break;
                case 2: l2 = size; break;
                case 3: l3 = size; break;
            }
        }

        return l1 > 0 || l2 > 0 || l3 > 0 ? new CacheSizes(l1, l2, l3) : null;
    }

    private static CacheSizes? FromAmdLegacy(Query cpuid)
    {
        long l1 = ((uint)cpuid(AmdL1Leaf, 0).Ecx >> 24) * 1024L;
        var (_, _, ecx, edx) = cpuid(AmdL2L3Leaf, 0);
        long l2 = ((uint)ecx >> 16) * 1024L, l3 = ((uint)edx >> 18) * 512L * 1024;
        return l1 > 0 || l2 > 0 || l3 > 0 ? new CacheSizes(l1, l2, l3) : null;
    }

    private static string Ascii(int register) => Encoding.ASCII.GetString(BitConverter.GetBytes(register));
}
