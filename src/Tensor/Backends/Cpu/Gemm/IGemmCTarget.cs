using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// Where a GEMM run by <see cref="GemmDriver{T, TKernel}.RunToTarget{TB, TC}"/> puts its result, in place of a
/// strided C: each MR×NR tile of alpha·op(A)·op(B), once computed, is handed over to be added to the target (a
/// convolution's input gradient scatters it through col2im, so the column matrix is never written out). With k in
/// several slices the target receives each tile once per slice, the partial sums in slice order.
/// Targets are structs passed as generic arguments, so the JIT compiles the call direct and inlinable.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal unsafe interface IGemmCTarget<T> where T : unmanaged, INumber<T>
{
    /// <summary>
    /// Adds C[i0..i0+rows, j0..j0+cols] = <paramref name="tile"/>[r·<paramref name="ldt"/> + q] (r &lt; rows, q &lt; cols)
    /// to the target.
    /// </summary>
    void Add(int i0, int j0, int rows, int cols, T* tile, int ldt);
}
