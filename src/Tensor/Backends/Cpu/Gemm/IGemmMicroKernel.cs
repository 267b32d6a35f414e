using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// A register-tiled GEMM microkernel (BLIS terminology, Van Zee &amp; van de Geijn 2015): it multiplies one
/// <c>MR×kc</c> sliver of A by one <c>kc×NR</c> sliver of B and writes the <c>MR×NR</c> result into C. A sliver is
/// read as kc steps of MR (or NR) consecutive values, one step apart: packed, the steps are contiguous (a step of MR,
/// or NR); read straight from a small operand (<see cref="GemmDriver{T, TKernel}"/>), a step is the operand's row stride.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal interface IGemmMicroKernel<T> where T : unmanaged, INumber<T>
{
    /// <summary>Rows of the register tile (the height of a packed A sliver).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile (the width of a packed B sliver).</summary>
    static abstract int NR { get; }

    /// <summary>
    /// The step in which <see cref="RunTopRows"/> costs less than a whole sliver: a partial sliver of r rows costs
    /// what ⌈r / RowStep⌉·RowStep rows do (MR for a kernel without narrower forms). A split of C's rows between
    /// threads cuts at multiples of it.
    /// </summary>
    static abstract int RowStep { get; }

    /// <summary>
    /// C[0..MR, 0..NR] = alpha · Σ_p pa[p·strideA + i] · pb[p·strideB + j] + beta · C, summed over p in order; when
    /// <paramref name="beta"/> is zero C is written without being read, so NaN already in C does not leak.
    /// </summary>
    static abstract unsafe void Run(int kc, T* pa, nint strideA, T* pb, nint strideB, T* c, nint ldc, T alpha, T beta);

    /// <summary>
    /// The top <paramref name="rows"/> (&lt; MR) rows of <see cref="Run"/>'s product with alpha = 1 and beta = 0, into a
    /// scratch tile of row stride NR (at least those rows are written): a partial A sliver (the 8 rows left of m = 128
    /// by 12-row slivers) at the arithmetic of <see cref="RowStep"/>-row steps instead of all MR rows. Each element is
    /// the same chain of multiply-adds as in <see cref="Run"/>.
    /// </summary>
    static abstract unsafe void RunTopRows(int kc, int rows, T* pa, nint strideA, T* pb, nint strideB, T* tile);

    /// <summary>
    /// The left NR/2 columns of <see cref="Run"/>'s product with alpha = 1 and beta = 0, into a scratch tile of row
    /// stride NR (pb is still a whole NR-wide packed sliver, strideB = NR): an edge tile no wider than half a tile at
    /// half the arithmetic, each element the same chain of multiply-adds as in <see cref="Run"/>.
    /// </summary>
    static abstract unsafe void RunLeftHalf(int kc, T* pa, nint strideA, T* pb, T* tile);

    /// <summary>
    /// At least the left NR/4 columns of <see cref="RunLeftHalf"/>'s product, for an edge tile no wider than a quarter
    /// of a tile (the 4 columns left of n = 100 by 32-wide tiles): a kernel with a vector half as wide computes just
    /// those, at half the cost where a wide vector takes two issue slots (AVX-512 on Zen 4's 256-bit units); one
    /// without computes the left half. Each element is the same chain of multiply-adds as in <see cref="Run"/>.
    /// </summary>
    static abstract unsafe void RunLeftQuarter(int kc, T* pa, nint strideA, T* pb, T* tile);

    /// <summary>
    /// At least the left NR/8 columns of <see cref="RunLeftQuarter"/>'s product, for an edge tile no wider than an
    /// eighth of a tile (the 4 columns left of n = 100 by 32-wide float tiles): a kernel with a cheaper form computes
    /// just those, one without runs <see cref="RunLeftQuarter"/>. Each element is the same chain of multiply-adds as
    /// in <see cref="Run"/>.
    /// </summary>
    static abstract unsafe void RunLeftEighth(int kc, T* pa, nint strideA, T* pb, T* tile);
}
