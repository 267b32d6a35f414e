using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The blocked GEMM algorithm of Goto &amp; van de Geijn (2008), "Anatomy of high-performance matrix multiplication",
/// in the five-loop form of BLIS (Van Zee &amp; van de Geijn 2015, "BLIS: A framework for rapidly instantiating BLAS
/// functionality"), applied to the transposed problem Cᵀ = op(B)ᵀ·op(A)ᵀ as the BLIS Zen/Skylake-X kernels do, so
/// that the broadcast operand is the one kept close: for each mc-tall block of C (loop 5) and each kc-deep slice
/// (loop 4), pack op(A) into an mc×kc panel that lives in L3; for each nc-wide block (loop 3) pack op(B) into a kc×nc
/// block that lives in L2; then for each MR-tall A sliver, which stays in L1 (loop 2), sweep the NR-wide B slivers
/// (loop 1) with the microkernel. A large kc (the A sliver is only MR·kc) keeps the passes over C few.
/// Parallelism: C is split into one contiguous range of rows per thread, in steps of the kernel's RowStep, each
/// thread packing its own operands; or, where every thread's packing all of op(B) would cost too much (few rows, or
/// an implicit im2col) and there are many column tiles, the threads of <see cref="GemmThreadTeam"/> take column blocks
/// around one shared packed A panel (each packs a part, then a barrier); see <c>SplitsRows</c>.
/// Edge tiles are computed on zero-padded slivers into a scratch tile (only the left half of it when the edge is no
/// wider than that, only the top rows when a row sliver is partial) and only the valid part is merged. Small operands
/// already in the sliver layout are read in place instead of packed (GemmDriver.InPlace.cs).
/// The blocks of op(B) come from an <see cref="IGemmBSource{T}"/>: a strided matrix, or an operand packed straight
/// from its source data (the implicit im2col of the convolution engine).
/// </summary>
internal static unsafe partial class GemmDriver<T, TKernel>
    where T : unmanaged, INumber<T>
    where TKernel : IGemmMicroKernel<T>
{
    /// <summary>Runs the problem with at most <paramref name="threads"/> threads (m, n, k all positive).</summary>
    public static void Run(in GemmCall<T> call, int threads) =>
        Run(call, new GemmStridedB<T>(call.B, call.Ldb, call.TransB), threads);

    /// <summary>
    /// Runs the problem with op(B) packed by <paramref name="source"/> (<see cref="GemmCall{T}.B"/>,
    /// <see cref="GemmCall{T}.Ldb"/> and <see cref="GemmCall{T}.TransB"/> unused), with at most
    /// <paramref name="threads"/> threads (m, n, k all positive), blocked for this machine's caches.
    /// </summary>
    public static void Run<TB>(in GemmCall<T> call, TB source, int threads) where TB : struct, IGemmBSource<T> =>
        Run(call, source, threads, GemmBlocking<T, TKernel>.Value);

    /// <summary>As <see cref="Run{TB}(in GemmCall{T}, TB, int)"/> with the given cache blocking (for the block-size sweep).</summary>
    public static void Run<TB>(in GemmCall<T> call, TB source, int threads, GemmBlocking blocking)
        where TB : struct, IGemmBSource<T>
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int tilesM = (call.M + mr - 1) / mr, tilesN = (call.N + nr - 1) / nr;
        bool splitN = !SplitsRows(call, source, tilesM, tilesN, threads);
        int tiles = splitN ? tilesN : tilesM;
        threads = Math.Min(threads, tiles);
        if (threads <= 1)
        {
            RunRange(call, source, 0, call.M, 0, call.N, blocking);
            return;
        }

        if (splitN && TryRunSharedA(call, source, threads, blocking))
        {
            return;
        }

        // Along m (or with the team busy) each thread packs its own operands.
        var local = call;
        CpuParallel.Run(threads, threads, t => RunShare(local, source, t, threads, tiles, splitN, blocking));
    }

    /// <summary>
    /// Whether the threads split C's rows, each packing its own operands, rather than its columns around one shared
    /// A panel. Rows whenever there are few column tiles; otherwise rows only where every thread's packing all of
    /// op(B) costs little: op(B) read in place, or a strided op(B) and at least 128 rows per thread. The shared panel
    /// costs barriers at each k slice, narrow column blocks (each A sliver read again from L3 for every two tiles) and
    /// A slivers packed by the other core: on the 2-core Zen 5 (three alternating rounds, medians of nine) rows ran
    /// SGEMM n = 512 / 1024 / 2048 at 341–364 / 331–346 / 333–357 GFLOP/s against 279–309 / 299–325 / 295–330, an
    /// MLP weight gradient (100×784×128, both operands in place) in 61–69 against 68–72 µs and FGSM's input gradient
    /// (1000×784×100) in 424–446 against 503–523 µs; with 48 rows per thread by a packed 512×2048 op(B), the shared
    /// panel was faster (671–735 against 742–839 µs). An implicit im2col is costly to pack twice: its products keep
    /// the columns.
    /// </summary>
    private static bool SplitsRows<TB>(in GemmCall<T> call, TB source, int tilesM, int tilesN, int threads)
        where TB : struct, IGemmBSource<T>
    {
        if (tilesN < 8 * threads && tilesN < tilesM)
        {
            return true;
        }

        if (tilesM < 2 * threads)
        {
            return false;
        }

        return InPlaceRowsOfB(call, source, out _) != null ||
            (typeof(TB) == typeof(GemmStridedB<T>) && call.M >= RowsPerThreadToRepackB * threads);
    }

    /// <summary>The fewest rows per thread for which each thread packs a strided op(B) of its own (see <see cref="SplitsRows"/>).</summary>
    private const int RowsPerThreadToRepackB = 128;

    /// <summary>
    /// Thread <paramref name="t"/>'s contiguous range: whole tiles along n, or along m rows in steps of
    /// <see cref="IGemmMicroKernel{T}.RowStep"/>, so that a partial sliver costs each thread alike (m = 128 on two
    /// threads of 12-row slivers: 64 rows each, five slivers and 4 rows, instead of five slivers against six).
    /// </summary>
    private static void RunShare<TB>(in GemmCall<T> call, TB source, int t, int threads, int tiles, bool splitN,
        GemmBlocking blocking) where TB : struct, IGemmBSource<T>
    {
        if (splitN)
        {
            int first = (int)((long)tiles * t / threads), last = (int)((long)tiles * (t + 1) / threads);
            RunRange(call, source, 0, call.M, first * TKernel.NR, Math.Min(call.N, last * TKernel.NR), blocking);
        }
        else
        {
            int step = TKernel.RowStep, steps = (call.M + step - 1) / step;
            int first = (int)((long)steps * t / threads), last = (int)((long)steps * (t + 1) / threads);
            RunRange(call, source, first * step, Math.Min(call.M, last * step), 0, call.N, blocking);
        }
    }

    /// <summary>
    /// The BLIS scheme for threads that split n: the members pack one shared mc×kc panel of A together (each a share
    /// of its slivers), meet at a barrier, then take nc-wide column blocks from a shared counter, packing each block of
    /// B themselves. Taking blocks dynamically keeps both cores busy when one of them is slowed by other work.
    /// Returns false when the thread team is busy.
    /// </summary>
    private static bool TryRunSharedA<TB>(in GemmCall<T> call, TB source, int threads, GemmBlocking blocking)
        where TB : struct, IGemmBSource<T>
    {
        var (kc, mc, nc) = BlockSizes(call.K, call.M, call.N, blocking);

        nc = BalancedBlockWidth(call.N, threads, nc);
        var shared = GemmPackBuffers.Rent();
        try
        {
            var local = call;
            var packedA = (T*)shared.A((nuint)((long)mc * kc * sizeof(T)));
            var schedule = new SharedSchedule(threads);
            return GemmThreadTeam.TryRun(threads, t => RunSharedMember(local, source, t, threads, kc, mc, nc, packedA, schedule));
        }
        finally
        {
            GemmPackBuffers.Return(shared);
        }
    }

    private static void RunSharedMember<TB>(in GemmCall<T> call, TB source, int member, int threads, int kc, int mc, int nc,
        T* packedA, SharedSchedule schedule) where TB : struct, IGemmBSource<T>
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int blocks = (call.N + nc - 1) / nc;
        bool aInPlace = ReadsAInPlace(call);
        T* bRows = InPlaceRowsOfB(call, source, out nint ldb);
        var buffers = GemmPackBuffers.Rent();
        try
        {
            var packedB = (T*)buffers.B((nuint)((long)nc * kc * sizeof(T)));
            var tile = (T*)buffers.Tile((nuint)(mr * nr * sizeof(T)));
            for (int ic = 0; ic < call.M; ic += mc)
            {
                int mb = Math.Min(mc, call.M - ic);
                int slivers = (mb + mr - 1) / mr;
                int s0 = slivers * member / threads, s1 = slivers * (member + 1) / threads;
                for (int pc = 0; pc < call.K; pc += kc)
                {
                    int kb = Math.Min(kc, call.K - pc);

                    // Wait until nobody reads the previous panel, pack this member's slivers, wait for the others'.
                    schedule.Barrier.SignalAndWait();
                    if (member == 0)
                    {
                        schedule.NextBlock = 0;
                    }

                    Slivers a;
                    if (aInPlace)
                    {
                        // Only the partial last sliver is packed, by the member whose share holds it.
                        if (s1 == slivers && s0 < s1)
                        {
                            PackPartialSliverOfA(call, ic, pc, mb, kb, packedA);
                        }

                        a = InPlaceA(call, ic, pc, packedA);
                    }
                    else
                    {
                        GemmPacking.PackA(call.A, call.Lda, call.TransA, ic + s0 * mr, pc, Math.Min(mb, s1 * mr) - s0 * mr, kb, mr,
                            packedA + (long)s0 * mr * kb);
                        a = Slivers.AllPacked(packedA, mr);
                    }

                    schedule.Barrier.SignalAndWait();

                    T beta = pc == 0 ? call.Beta : T.One;
                    for (int block = schedule.Take(); block < blocks; block = schedule.Take())
                    {
                        int jc = block * nc, nb = Math.Min(nc, call.N - jc);
                        var b = PackOrReadB(source, bRows, ldb, pc, jc, kb, nb, packedB);
                        MacroKernel(kb, mb, nb, a, b, call.C + ic * call.Ldc + jc, call.Ldc, call.Alpha, beta, tile);
                    }
                }
            }
        }
        finally
        {
            GemmPackBuffers.Return(buffers);
        }
    }

    /// <summary>
    /// The most NR-wide tiles in one column block of the shared-A scheme. The members' cores need not run at one speed
    /// (on the 2-core Zen 5 VM two single-threaded products side by side ran at 190 and 156 GFLOP/s), and a member
    /// waits at each k slice's barrier for the block the other took last; narrow blocks keep that wait short, at the
    /// cost of reading each A sliver from L3 once per block. Square SGEMM, when it still ran on this scheme: at n = 2048
    /// on two threads, blocks of 2 tiles (64 columns) ran at 336–342 GFLOP/s against 324–333 with the L2-sized 8 (three
    /// alternating rounds); at n = 256–1024 the same or better.
    /// </summary>
    private const int MaxTilesPerBlock = 2;

    /// <summary>
    /// The width of the column blocks the members take from the shared counter: a whole number of NR-wide tiles, at
    /// most <paramref name="maxWidth"/> and <see cref="MaxTilesPerBlock"/> tiles, at least two blocks per member (so
    /// that a late member can be covered), and among those the width whose busiest member has the fewest tiles: 49
    /// tiles on 2 threads go as 49 blocks of 1 (25 tiles for the busiest member), not as 25 blocks of 2 (26).
    /// </summary>
    private static int BalancedBlockWidth(int n, int threads, int maxWidth)
    {
        int nr = TKernel.NR, tiles = (n + nr - 1) / nr;
        int widest = Math.Clamp(Math.Min(Math.Min(maxWidth / nr, MaxTilesPerBlock), tiles / (2 * threads)), 1, tiles);
        int best = 1, bestLoad = int.MaxValue;
        for (int perBlock = 1; perBlock <= widest; perBlock++)
        {
            int blocks = (tiles + perBlock - 1) / perBlock;
            int load = (blocks + threads - 1) / threads * perBlock;
            if (load <= bestLoad)
            {
                (best, bestLoad) = (perBlock, load);
            }
        }
        return best * nr;
    }

    /// <summary>The barrier and the column-block counter shared by the members of one team run.</summary>
    private sealed class SharedSchedule(int threads)
    {
        public SpinBarrier Barrier { get; } = new(threads);

        /// <summary>The next unclaimed column block; reset by member 0 between the two barriers of each k slice.</summary>
        public int NextBlock;

        public int Take() => Interlocked.Increment(ref NextBlock) - 1;
    }

    /// <summary>The depth of the k slices of a product with inner dimension <paramref name="k"/> (balanced, as run).</summary>
    public static int SliceDepth(int k) => BlockSizes(k, 1, 1, GemmBlocking<T, TKernel>.Value).Kc;

    /// <summary>kc, mc, nc for a problem of this size: the cache blocking, balanced in k and capped by the problem.</summary>
    private static (int Kc, int Mc, int Nc) BlockSizes(int k, int m, int n, GemmBlocking blocking)
    {
        int mr = TKernel.MR, nr = TKernel.NR;

        // Balance the k slices: k = 600 with kc = 512 runs as 300 + 300, not 512 + 88.
        int kSlices = (k + blocking.Kc - 1) / blocking.Kc;
        int kc = (k + kSlices - 1) / kSlices;
        return (kc, Math.Min(blocking.Mc, (m + mr - 1) / mr * mr), Math.Min(blocking.Nc, (n + nr - 1) / nr * nr));
    }

    /// <summary>Computes the block C[m0..m1, n0..n1] on the calling thread.</summary>
    private static void RunRange<TB>(in GemmCall<T> call, TB source, int m0, int m1, int n0, int n1, GemmBlocking blocking)
        where TB : struct, IGemmBSource<T>
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int k = call.K;
        var (kc, mc, nc) = BlockSizes(k, m1 - m0, n1 - n0, blocking);
        bool aInPlace = ReadsAInPlace(call);
        T* bRows = InPlaceRowsOfB(call, source, out nint ldb);

        var buffers = GemmPackBuffers.Rent();
        try
        {
            var packedA = (T*)buffers.A((nuint)((long)mc * kc * sizeof(T)));
            var packedB = (T*)buffers.B((nuint)((long)nc * kc * sizeof(T)));
            var tile = (T*)buffers.Tile((nuint)(mr * nr * sizeof(T)));
            for (int ic = m0; ic < m1; ic += mc)
            {
                int mb = Math.Min(mc, m1 - ic);
                for (int pc = 0; pc < k; pc += kc)
                {
                    int kb = Math.Min(kc, k - pc);
                    Slivers a;
                    if (aInPlace)
                    {
                        PackPartialSliverOfA(call, ic, pc, mb, kb, packedA);
                        a = InPlaceA(call, ic, pc, packedA);
                    }
                    else
                    {
                        GemmPacking.PackA(call.A, call.Lda, call.TransA, ic, pc, mb, kb, mr, packedA);
                        a = Slivers.AllPacked(packedA, mr);
                    }

                    // The first k slice applies beta; later slices accumulate onto it.
                    T beta = pc == 0 ? call.Beta : T.One;
                    for (int jc = n0; jc < n1; jc += nc)
                    {
                        int nb = Math.Min(nc, n1 - jc);
                        var b = PackOrReadB(source, bRows, ldb, pc, jc, kb, nb, packedB);
                        MacroKernel(kb, mb, nb, a, b, call.C + ic * call.Ldc + jc, call.Ldc, call.Alpha, beta, tile);
                    }
                }
            }
        }
        finally
        {
            GemmPackBuffers.Return(buffers);
        }
    }

    /// <summary>The slivers of op(B)[pc.., jc..] (kb×nb): read in place when <paramref name="rows"/> is set, else packed.</summary>
    private static Slivers PackOrReadB<TB>(TB source, T* rows, nint ld, int pc, int jc, int kb, int nb, T* packedB)
        where TB : struct, IGemmBSource<T>
    {
        if (rows != null)
        {
            return InPlaceB(source, rows, ld, pc, jc, kb, nb, packedB);
        }

        source.Pack(pc, jc, kb, nb, TKernel.NR, packedB);
        return Slivers.AllPacked(packedB, TKernel.NR);
    }

    /// <summary>Loops 2 and 1: every MR×NR tile of the mb×nb block of C; each A sliver stays in L1 while B slivers stream from L2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(int kb, int mb, int nb, Slivers a, Slivers b, T* c, nint ldc, T alpha, T beta, T* tile)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        for (int ir = 0; ir < mb; ir += mr)
        {
            int rows = Math.Min(mr, mb - ir);
            T* pa = a.At(ir, rows, kb, out nint sa);
            for (int jr = 0; jr < nb; jr += nr)
            {
                int cols = Math.Min(nr, nb - jr);
                T* pb = b.At(jr, cols, kb, out nint sb);
                T* cij = c + ir * ldc + jr;
                if (rows == mr && cols == nr)
                {
                    TKernel.Run(kb, pa, sa, pb, sb, cij, ldc, alpha, beta);
                    continue;
                }

                // A partial A sliver under a whole B sliver (in place or packed) computes only its top rows; a partial
                // B sliver is always packed (its k step is NR), as the narrow kernels expect.
                if (cols == nr)
                {
                    TKernel.RunTopRows(kb, rows, pa, sa, pb, sb, tile);
                }
                else if (8 * cols <= nr)
                {
                    TKernel.RunLeftEighth(kb, pa, sa, pb, tile);
                }
                else if (4 * cols <= nr)
                {
                    TKernel.RunLeftQuarter(kb, pa, sa, pb, tile);
                }
                else if (2 * cols <= nr)
                {
                    TKernel.RunLeftHalf(kb, pa, sa, pb, tile);
                }
                else
                {
                    TKernel.Run(kb, pa, sa, pb, sb, tile, nr, T.One, T.Zero);
                }
                MergeEdge(tile, nr, rows, cols, cij, ldc, alpha, beta);
            }
        }
    }

    /// <summary>C[0..rows, 0..cols] = alpha·tile + beta·C, reading C only when beta ≠ 0.</summary>
    /// <remarks>Whole vectors first, then element by element, each as fma(beta, C, alpha·t), the kernels' own store: an
    /// element gets the same bits on an edge tile as inside, so a split of C among threads cannot change it.</remarks>
    private static void MergeEdge(T* tile, int nr, int rows, int cols, T* c, nint ldc, T alpha, T beta)
    {
        int w = Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported ? Vector512<T>.Count : int.MaxValue;
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        for (int i = 0; i < rows; i++)
        {
            T* row = c + i * ldc;
            T* src = tile + i * nr;
            int j = 0;
            for (; j + w <= cols; j += w)
            {
                var scaled = va * Vector512.Load(src + j);
                Vector512.Store(beta == T.Zero ? scaled : SimdMath.Fma(vb, Vector512.Load(row + j), scaled), row + j);
            }
            for (; j < cols; j++)
            {
                row[j] = beta == T.Zero ? alpha * src[j] : SimdMath.Fma(beta, row[j], alpha * src[j]);
            }
        }
    }
}
