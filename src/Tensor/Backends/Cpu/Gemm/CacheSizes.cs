namespace Scratch.Backends.Cpu;

/// <summary>Data-cache sizes in bytes; 0 where a level was not reported.</summary>
/// <param name="L1Data">L1 data cache per core.</param>
/// <param name="L2">L2 cache per core.</param>
/// <param name="L3">L3 cache (shared).</param>
internal readonly record struct CacheSizes(long L1Data, long L2, long L3);
