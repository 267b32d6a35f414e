using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Cache-block sizes for one microkernel and element type, following the analytical model of
/// Low, Igual, Smith &amp; Quintana-Ortí (2016) used by BLIS (Van Zee &amp; van de Geijn 2015):
/// the MR×kc sliver of A that the inner loop reuses occupies half of L1, the kc×nc block of B half of L2,
/// and the mc×kc panel of A a share of L3 per core (see <see cref="GemmDriver{T, TKernel}"/> for the loop order).
/// </summary>
/// <param name="Kc">Depth of a packed block (the k extent of one rank-kc update).</param>
/// <param name="Mc">Rows of a packed A panel (L3), a multiple of MR.</param>
/// <param name="Nc">Columns of a packed B block (L2), a multiple of NR.</param>
internal readonly record struct GemmBlocking(int Kc, int Mc, int Nc)
{
    /// <summary>Computes the block sizes for a kernel with an MR×NR tile and elements of the given size on this machine.</summary>
    public static GemmBlocking For(int mr, int nr, int elementSize) =>
        For(mr, nr, elementSize, new CacheSizes(CpuCacheInfo.L1Data, CpuCacheInfo.L2, CpuCacheInfo.L3), Environment.ProcessorCount);

    /// <summary>The block sizes for a kernel with an MR×NR tile on caches of the given sizes shared by <paramref name="cores"/> cores.</summary>
    public static GemmBlocking For(int mr, int nr, int elementSize, CacheSizes caches, int cores)
    {
        int kc = (int)Math.Clamp(caches.L1Data / 2 / (mr * elementSize), 64, 512) & ~7;
        int nc = (int)Math.Clamp(caches.L2 / 2 / ((long)kc * elementSize), nr, 4096) / nr * nr;
        int mc = (int)Math.Clamp(caches.L3 / 2 / Math.Max(1, cores) / ((long)kc * elementSize), mr, 4096) / mr * mr;
        return new GemmBlocking(kc, mc, nc);
    }
}

/// <summary>The block sizes for one (element type, microkernel) pair, computed once.</summary>
internal static class GemmBlocking<T, TKernel>
    where T : unmanaged, INumber<T>
    where TKernel : IGemmMicroKernel<T>
{
    public static readonly GemmBlocking Value =
        GemmBlocking.For(TKernel.MR, TKernel.NR, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
}
