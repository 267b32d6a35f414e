namespace Scratch.BenchSuite.Machine;

/// <summary>The CPU's model name and family from /proc/cpuinfo (what lscpu prints), or "unknown".</summary>
public static class CpuInfo
{
    /// <summary>"model name" of the first processor.</summary>
    public static string ModelName() => Field("model name");

    /// <summary>"cpu family" of the first processor.</summary>
    public static string Family() => Field("cpu family");

    private static string Field(string name)
    {
        const string Path = "/proc/cpuinfo";
        if (!File.Exists(Path))
        {
            return "unknown";
        }
        foreach (var line in File.ReadLines(Path))
        {
            int colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == name)
            {
                return line[(colon + 1)..].Trim();
            }
        }
        return "unknown";
    }
}
