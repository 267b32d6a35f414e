using System.Numerics;
using System.Runtime.CompilerServices;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The blocked GEMM algorithm of Goto &amp; van de Geijn (2008), "Anatomy of high-performance matrix multiplication",
/// in the five-loop form of BLIS (Van Zee &amp; van de Geijn 2015, "BLIS: A framework for rapidly instantiating BLAS
/// functionality"): for each nc-wide panel of C (loop 5), for each kc-deep slice (loop 4) pack op(B) into a kc×nc
/// panel that lives in L3; for each mc-tall block (loop 3) pack op(A) into an mc×kc block that lives in L2; then
/// sweep NR-wide (loop 2) and MR-tall (loop 1) register tiles with the microkernel, whose kc×NR B sliver stays in L1.
/// Parallelism: C is split into one contiguous range of whole tiles per thread, along n when there are enough
/// NR-wide column tiles, else along m; each thread packs its own operands, so no synchronisation is needed.
/// Edge tiles are computed in full on zero-padded slivers into a scratch tile and only the valid part is merged.
/// </summary>
internal static unsafe class GemmDriver<T, TKernel>
    where T : unmanaged, INumber<T>
    where TKernel : IGemmMicroKernel<T>
{
    /// <summary>Runs the problem with at most <paramref name="threads"/> threads (m, n, k all positive).</summary>
    public static void Run(in GemmCall<T> call, int threads)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int tilesM = (call.M + mr - 1) / mr, tilesN = (call.N + nr - 1) / nr;
        bool splitN = tilesN >= 2 * threads || tilesN >= tilesM;
        int tiles = splitN ? tilesN : tilesM;
        threads = Math.Min(threads, tiles);
        if (threads <= 1)
        {
            RunRange(call, 0, call.M, 0, call.N);
            return;
        }

        var local = call;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int first = (int)((long)tiles * t / threads), last = (int)((long)tiles * (t + 1) / threads);
            if (splitN)
            {
                RunRange(local, 0, local.M, first * nr, Math.Min(local.N, last * nr));
            }
            else
            {
                RunRange(local, first * mr, Math.Min(local.M, last * mr), 0, local.N);
            }
        });
    }

    /// <summary>Computes the block C[m0..m1, n0..n1] on the calling thread.</summary>
    public static void RunRange(in GemmCall<T> call, int m0, int m1, int n0, int n1)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        var blocking = GemmBlocking<T, TKernel>.Value;
        int k = call.K;

        // Balance the k slices: k = 200 with kc = 192 runs as 100 + 100, not 192 + 8.
        int kSlices = (k + blocking.Kc - 1) / blocking.Kc;
        int kc = (k + kSlices - 1) / kSlices;
        int mc = Math.Min(blocking.Mc, (m1 - m0 + mr - 1) / mr * mr);
        int nc = Math.Min(blocking.Nc, (n1 - n0 + nr - 1) / nr * nr);

        var buffers = GemmPackBuffers.Rent();
        try
        {
            var packedA = (T*)buffers.A((nuint)((long)mc * kc * sizeof(T)));
            var packedB = (T*)buffers.B((nuint)((long)nc * kc * sizeof(T)));
            var tile = (T*)buffers.Tile((nuint)(mr * nr * sizeof(T)));
            for (int jc = n0; jc < n1; jc += nc)
            {
                int nb = Math.Min(nc, n1 - jc);
                for (int pc = 0; pc < k; pc += kc)
                {
                    int kb = Math.Min(kc, k - pc);
                    GemmPacking.PackB(call.B, call.Ldb, call.TransB, pc, jc, kb, nb, nr, packedB);

                    // The first k slice applies beta; later slices accumulate onto it.
                    T beta = pc == 0 ? call.Beta : T.One;
                    for (int ic = m0; ic < m1; ic += mc)
                    {
                        int mb = Math.Min(mc, m1 - ic);
                        GemmPacking.PackA(call.A, call.Lda, call.TransA, ic, pc, mb, kb, mr, packedA);
                        MacroKernel(kb, mb, nb, packedA, packedB, call.C + ic * call.Ldc + jc, call.Ldc, call.Alpha, beta, tile);
                    }
                }
            }
        }
        finally
        {
            GemmPackBuffers.Return(buffers);
        }
    }

    /// <summary>Loops 2 and 1: every MR×NR tile of the mb×nb block of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(int kb, int mb, int nb, T* packedA, T* packedB, T* c, nint ldc, T alpha, T beta, T* tile)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        for (int jr = 0; jr < nb; jr += nr)
        {
            int cols = Math.Min(nr, nb - jr);
            T* pb = packedB + (long)jr * kb;
            for (int ir = 0; ir < mb; ir += mr)
            {
                int rows = Math.Min(mr, mb - ir);
                T* pa = packedA + (long)ir * kb;
                T* cij = c + ir * ldc + jr;
                if (rows == mr && cols == nr)
                {
                    TKernel.Run(kb, pa, pb, cij, ldc, alpha, beta);
                }
                else
                {
                    TKernel.Run(kb, pa, pb, tile, nr, T.One, T.Zero);
                    MergeEdge(tile, nr, rows, cols, cij, ldc, alpha, beta);
                }
            }
        }
    }

    /// <summary>C[0..rows, 0..cols] = alpha·tile + beta·C, reading C only when beta ≠ 0.</summary>
    private static void MergeEdge(T* tile, int nr, int rows, int cols, T* c, nint ldc, T alpha, T beta)
    {
        for (int i = 0; i < rows; i++)
        {
            T* row = c + i * ldc;
            T* src = tile + i * nr;
            for (int j = 0; j < cols; j++)
            {
                row[j] = beta == T.Zero ? alpha * src[j] : alpha * src[j] + beta * row[j];
            }
        }
    }
}
