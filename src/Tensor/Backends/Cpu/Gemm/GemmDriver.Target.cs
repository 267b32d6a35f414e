using System.Runtime.CompilerServices;

namespace Scratch.Backends.Cpu;

/// <summary>The blocked GEMM with its tiles handed to an <see cref="IGemmCTarget{T}"/> instead of stored into C.</summary>
internal static unsafe partial class GemmDriver<T, TKernel>
{
    /// <summary>
    /// Runs the problem on the calling thread with op(B) packed by <paramref name="source"/> and every finished tile of
    /// alpha·op(A)·op(B) added to <paramref name="target"/> (the call's B, ldb, transB, beta, C and ldc are unused).
    /// The loops and blocking are those of the strided run; one thread, because a target may add several tiles to the
    /// same place (col2im does), in the fixed order of the loops.
    /// </summary>
    public static void RunToTarget<TB, TC>(in GemmCall<T> call, TB source, TC target)
        where TB : struct, IGemmBSource<T>
        where TC : struct, IGemmCTarget<T>
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int k = call.K;
        var (kc, mc, nc) = BlockSizes(k, call.M, call.N, GemmBlocking<T, TKernel>.Value);
        var buffers = GemmPackBuffers.Rent();
        try
        {
            var packedA = (T*)buffers.A((nuint)((long)mc * kc * sizeof(T)));
            var packedB = (T*)buffers.B((nuint)((long)nc * kc * sizeof(T)));
            var tile = (T*)buffers.Tile((nuint)(mr * nr * sizeof(T)));
            for (int ic = 0; ic < call.M; ic += mc)
            {
                int mb = Math.Min(mc, call.M - ic);
                for (int pc = 0; pc < k; pc += kc)
                {
                    int kb = Math.Min(kc, k - pc);
                    GemmPacking.PackA(call.A, call.Lda, call.TransA, ic, pc, mb, kb, mr, packedA);
                    for (int jc = 0; jc < call.N; jc += nc)
                    {
                        int nb = Math.Min(nc, call.N - jc);
                        source.Pack(pc, jc, kb, nb, nr, packedB);
                        MacroKernelToTarget(kb, mb, nb, packedA, packedB, ic, jc, call.Alpha, tile, target);
                    }
                }
            }
        }
        finally
        {
            GemmPackBuffers.Return(buffers);
        }
    }

    /// <summary>Loops 2 and 1 of <see cref="MacroKernel"/>, each tile computed into the scratch tile and handed over.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernelToTarget<TC>(int kb, int mb, int nb, T* packedA, T* packedB, int i0, int j0, T alpha,
        T* tile, TC target) where TC : struct, IGemmCTarget<T>
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        for (int ir = 0; ir < mb; ir += mr)
        {
            T* pa = packedA + (long)ir * kb;
            for (int jr = 0; jr < nb; jr += nr)
            {
                TKernel.Run(kb, pa, mr, packedB + (long)jr * kb, nr, tile, nr, alpha, T.Zero);
                target.Add(i0 + ir, j0 + jr, Math.Min(mr, mb - ir), Math.Min(nr, nb - jr), tile, nr);
            }
        }
    }
}
