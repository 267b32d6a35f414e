using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Where the packed GEMM gets its op(B) blocks from. The driver (<see cref="GemmDriver{T, TKernel}"/>) never reads
/// op(B) itself: for each kb×nb block it asks the source to write the block in the NR-wide sliver layout of
/// <see cref="GemmPacking.PackB"/> (Goto &amp; van de Geijn 2008, §6). A strided matrix is one source
/// (<see cref="GemmStridedB{T}"/>); a convolution can be another, packing its im2col matrix straight from the image
/// without materialising it ("implicit im2col", as in cuDNN's implicit GEMM: Chetlur et al. 2014, §3).
/// Sources are structs passed as generic arguments, so the JIT compiles one driver per source with the packing
/// call direct and inlinable (no virtual call per block, let alone per element).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal unsafe interface IGemmBSource<T> where T : unmanaged, INumber<T>
{
    /// <summary>
    /// Writes op(B)[p0..p0+kb, j0..j0+nb] to <paramref name="dst"/> as ⌈nb/nr⌉ slivers of kb rows of
    /// <paramref name="nr"/> consecutive values (sliver s, row p, column c at dst[(s·kb + p)·nr + c]), with the
    /// columns past nb in the last sliver zero.
    /// </summary>
    void Pack(int p0, int j0, int kb, int nb, int nr, T* dst);

    /// <summary>
    /// Where op(B) can be read in place, row by row: op(B)[p, j] at the result + p·<paramref name="ld"/> + j; or null
    /// (and <paramref name="ld"/> 0) when every block must be packed (a transposed matrix, an implicit im2col).
    /// </summary>
    T* Rows(out nint ld);
}
