namespace Scratch.Backends.Cpu;

/// <summary>
/// Operands read in place. Packing exists to give the microkernel slivers it can stream from L1 and L2 without TLB
/// misses or cache conflicts (Goto &amp; van de Geijn 2008, §6); for an operand that fits in half of L2 those problems do
/// not arise, and in an MLP training step (products of 128×784 by 784×100 and smaller) packing took about a fifth of
/// the main thread's time. So where an operand's layout already is the sliver layout with a row stride (a transposed A: each k step
/// of a sliver is MR consecutive values; an untransposed B: NR consecutive values), the microkernel reads it where it
/// lies, as OpenBLAS's small-matrix kernels do; only a partial last sliver, which would read past the operand's edge,
/// is packed. The kernel sums the same products in the same order either way, so the result has the same bits.
/// </summary>
internal static unsafe partial class GemmDriver<T, TKernel>
{
    /// <summary>Operands of at most this many bytes are read in place where their layout allows (half of L2).</summary>
    private static readonly long InPlaceBytes = CpuCacheInfo.L2 / 2;

    /// <summary>Whether op(A) of this call is read in place: stored transposed, and small.</summary>
    private static bool ReadsAInPlace(in GemmCall<T> call) =>
        call.TransA && (long)call.M * call.K * sizeof(T) <= InPlaceBytes;

    /// <summary>The most rows of C for which op(B) is read in place: every A sliver reads all of op(B), so a packed
    /// copy pays for itself over many slivers (FGSM's 1000-row products ran 1–3% slower with B in place).</summary>
    private const int InPlaceBMaxRows = 256;

    /// <summary>op(B)'s rows to read in place (see <see cref="IGemmBSource{T}.Rows"/>) when it is small and read by
    /// few A slivers, else null.</summary>
    private static T* InPlaceRowsOfB<TB>(in GemmCall<T> call, TB source, out nint ld) where TB : struct, IGemmBSource<T>
    {
        var rows = source.Rows(out ld);
        return rows != null && call.M <= InPlaceBMaxRows && (long)call.K * call.N * sizeof(T) <= InPlaceBytes ? rows : null;
    }

    /// <summary>Packs the partial last sliver of op(A)[ic.., pc..] (mb×kb), if it has one, for <see cref="InPlaceA"/>.</summary>
    private static void PackPartialSliverOfA(in GemmCall<T> call, int ic, int pc, int mb, int kb, T* dst)
    {
        int mr = TKernel.MR, whole = mb / mr * mr;
        if (whole < mb)
        {
            GemmPacking.PackA(call.A, call.Lda, call.TransA, ic + whole, pc, mb - whole, kb, mr, dst);
        }
    }

    /// <summary>The slivers of op(A)[ic.., pc..] read in place (op(A)[i, p] = a[p·lda + i]), a partial last one at <paramref name="packedEdge"/>.</summary>
    private static Slivers InPlaceA(in GemmCall<T> call, int ic, int pc, T* packedEdge) =>
        new(call.A + pc * call.Lda + ic, call.Lda, packedEdge, TKernel.MR);

    /// <summary>The slivers of op(B)[pc.., jc..] (kb×nb) read in place from <paramref name="rows"/>, the partial last one packed.</summary>
    private static Slivers InPlaceB<TB>(TB source, T* rows, nint ld, int pc, int jc, int kb, int nb, T* packedEdge)
        where TB : struct, IGemmBSource<T>
    {
        int nr = TKernel.NR, whole = nb / nr * nr;
        if (whole < nb)
        {
            source.Pack(pc, jc + whole, kb, nb - whole, nr, packedEdge);
        }

        return new Slivers(rows + pc * ld + jc, ld, packedEdge, nr);
    }

    /// <summary>
    /// Where loops 2 and 1 find the slivers of one block of an operand. Packed: sliver s (at offset s·width) at
    /// packed + s·width·kb, its k steps width apart. In place: a whole sliver at inPlace + s·width, its k steps a row
    /// stride apart, and the partial last one packed at <c>packed</c>.
    /// </summary>
    private readonly struct Slivers(T* inPlace, nint rowStride, T* packed, int width)
    {
        /// <summary>Every sliver packed, as <see cref="GemmPacking"/> lays them out.</summary>
        public static Slivers AllPacked(T* packed, int width) => new(null, 0, packed, width);

        /// <summary>The sliver at offset <paramref name="at"/> with <paramref name="used"/> of its width valid, kb steps deep, and its k step.</summary>
        public T* At(int at, int used, int kb, out nint step)
        {
            if (inPlace == null)
            {
                step = width;
                return packed + (long)at * kb;
            }

            step = used == width ? rowStride : width;
            return used == width ? inPlace + at : packed;
        }
    }
}
