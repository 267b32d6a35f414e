using System.Numerics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The ordinary op(B) of a GEMM: a row-major matrix with row stride <c>ldb</c>, optionally transposed, packed by
/// <see cref="GemmPacking.PackB"/>; untransposed, its rows can also be read in place.
/// </summary>
internal readonly unsafe struct GemmStridedB<T>(T* b, nint ldb, bool trans) : IGemmBSource<T>
    where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public void Pack(int p0, int j0, int kb, int nb, int nr, T* dst) =>
        GemmPacking.PackB(b, ldb, trans, p0, j0, kb, nb, nr, dst);

    /// <inheritdoc />
    public T* Rows(out nint ld)
    {
        ld = trans ? 0 : ldb;
        return trans ? null : b;
    }
}
