namespace Scratch.Backends.Cpu;

/// <summary>Tuning knobs for <see cref="Gemm"/>; the defaults use every core and the widest SIMD width.</summary>
public sealed record GemmOptions
{
    /// <summary>The default options: all cores, automatic SIMD width.</summary>
    public static GemmOptions Default { get; } = new();

    /// <summary>The most threads one call may use; 0 means one per logical core (larger values are capped at the core count).</summary>
    public int MaxThreads { get; init; }

    /// <summary>Which microkernel to use; requesting a width the machine lacks throws <see cref="ArgumentException"/>.</summary>
    public SimdWidth Width { get; init; } = SimdWidth.Auto;
}
