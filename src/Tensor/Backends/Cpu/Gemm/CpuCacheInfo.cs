using System.Globalization;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Data-cache sizes of this machine, read once: from Linux sysfs
/// (<c>/sys/devices/system/cpu/cpu0/cache/index*/{level,type,size}</c>), else from the processor's CPUID
/// (<see cref="CpuidCaches"/>; many virtual machines have no sysfs cache entries), and for any level still unknown
/// the fallbacks 32 KiB L1d, 512 KiB L2 and 8 MiB L3, common values on current x64 and Arm cores.
/// </summary>
public static class CpuCacheInfo
{
    private const string CacheRoot = "/sys/devices/system/cpu/cpu0/cache";

    private const long FallbackL1 = 32 * 1024, FallbackL2 = 512 * 1024, FallbackL3 = 8 * 1024 * 1024;

    private static readonly Lazy<(long L1, long L2, long L3, string Source)> _sizes = new(Read);

    /// <summary>L1 data cache per core, in bytes.</summary>
    public static long L1Data => _sizes.Value.L1;

    /// <summary>L2 cache per core, in bytes.</summary>
    public static long L2 => _sizes.Value.L2;

    /// <summary>L3 cache (shared), in bytes.</summary>
    public static long L3 => _sizes.Value.L3;

    /// <summary>Where the sizes came from: "sysfs", "CPUID", or "fallback" (with a "+" list when mixed).</summary>
    public static string Source => _sizes.Value.Source;

    private static (long L1, long L2, long L3, string Source) Read()
    {
        var sysfs = ReadSysfs();
        var cpuid = sysfs is { L1Data: > 0, L2: > 0, L3: > 0 } ? default : CpuidCaches.Read() ?? default;
        return Merge(sysfs, cpuid);
    }

    /// <summary>
    /// Each level from sysfs where it has it, else from CPUID, else the fallback; the source names the places used
    /// ("sysfs", "CPUID", "fallback", or several joined by "+").
    /// </summary>
    internal static (long L1, long L2, long L3, string Source) Merge(CacheSizes sysfs, CacheSizes cpuid)
    {
        var sources = new List<string>();
        long Pick(long fromSysfs, long fromCpuid, long fallback)
        {
            var (value, source) = fromSysfs > 0 ? (fromSysfs, "sysfs") : fromCpuid > 0 ? (fromCpuid, "CPUID") : (fallback, "fallback");
            if (!sources.Contains(source))
            {
                sources.Add(source);
            }

            return value;
        }

        long l1 = Pick(sysfs.L1Data, cpuid.L1Data, FallbackL1);
        long l2 = Pick(sysfs.L2, cpuid.L2, FallbackL2);
        long l3 = Pick(sysfs.L3, cpuid.L3, FallbackL3);
        return (l1, l2, l3, string.Join("+", sources));
    }

    private static CacheSizes ReadSysfs()
    {
        long l1 = 0, l2 = 0, l3 = 0;
        try
        {
            if (!Directory.Exists(CacheRoot))
            {
                return default;
            }

            foreach (var dir in Directory.EnumerateDirectories(CacheRoot, "index*"))
            {
                var level = File.ReadAllText(Path.Combine(dir, "level")).Trim();
                var type = File.ReadAllText(Path.Combine(dir, "type")).Trim();
                var size = ParseSize(File.ReadAllText(Path.Combine(dir, "size")).Trim());
                if (size <= 0 || type == "Instruction")
                {
                    continue;
                }

                switch (level)
                {
                    case "1": l1 = size; break;
                    case "2": l2 = size; break;
                    case "3": l3 = size; break;
                }
            }
        }
        catch (IOException)
        {
            // Unreadable sysfs (containers, sandboxes): the fallbacks are still sane block sizes.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }

        return new CacheSizes(l1, l2, l3);
    }

    /// <summary>Parses sysfs sizes such as "48K", "1024K", "32M" or a plain byte count; returns -1 when malformed.</summary>
    internal static long ParseSize(string text)
    {
        if (text.Length == 0)
        {
            return -1;
        }

        long scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1024, 'M' => 1024 * 1024, 'G' => 1024 * 1024 * 1024, _ => 1 };
        var digits = scale == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * scale : -1;
    }
}
