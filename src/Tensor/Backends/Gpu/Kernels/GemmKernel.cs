using ILGPU;

namespace Scratch.Backends.Gpu.Kernels;

/// <summary>
/// Batched C = A·B with shared-memory tiles, register blocking and double buffering.
/// <para>
/// A group is t×t threads (t = 16 on a GPU; smaller where the accelerator's groups are smaller) and
/// computes a 4t×4t tile of C; each thread holds a 4×4 block of accumulators in registers, on rows
/// ty + i·t and columns tx + j·t so that neighbouring threads touch neighbouring columns (coalesced
/// stores, conflict-free shared reads). Tiles of A (4t×t) and B (t×4t) are staged in shared memory in
/// two buffers: while the group multiplies one, it loads the next, with one barrier per step.
/// </para>
/// <para>
/// The k-loop runs over ⌈k / t⌉ tiles of the <i>inner</i> dimension, and every load is bounds-checked
/// against m, n and k (zero padding), so any m, n, k work — including m &lt; k and sizes that are not
/// multiples of the tile, where a loop bound taken from the wrong extent goes wrong. Operands are read
/// through (row, column) strides, so transposed views and broadcast batches need no copy; the batch
/// index is the grid's z.
/// </para>
/// </summary>
internal static class GemmKernel
{
    /// <summary>The largest thread-group edge; shared memory holds 2 buffers × (A tile + B tile) = 16·t² elements.</summary>
    public const int MaxTile = 16;

    private const int SharedSize = 16 * MaxTile * MaxTile;

    /// <summary>One 4t×4t tile of C[z] = A[z]·B[z]; launched on a grid (⌈n/4t⌉, ⌈m/4t⌉, batch) of t×t groups.</summary>
    public static void Gemm<T, TN>(
        ArrayView<T> a, StridedView aBatch, int aRowStride, int aColStride,
        ArrayView<T> b, StridedView bBatch, int bRowStride, int bColStride,
        ArrayView<T> c, int m, int n, int k)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var shared = SharedMemory.Allocate<T>(SharedSize);
        var t = Group.DimX;
        var edge = 4 * t;
        var tileSize = edge * t;
        int tx = Group.IdxX, ty = Group.IdxY;
        var tid = ty * t + tx;
        int row0 = Grid.IdxY * edge, col0 = Grid.IdxX * edge;
        var z = Grid.IdxZ;
        var operands = new Operands<T>(a, aBatch.At(z), aRowStride, aColStride, b, bBatch.At(z), bRowStride, bColStride, m, n, k);

        T c00 = TN.Zero, c01 = TN.Zero, c02 = TN.Zero, c03 = TN.Zero;
        T c10 = TN.Zero, c11 = TN.Zero, c12 = TN.Zero, c13 = TN.Zero;
        T c20 = TN.Zero, c21 = TN.Zero, c22 = TN.Zero, c23 = TN.Zero;
        T c30 = TN.Zero, c31 = TN.Zero, c32 = TN.Zero, c33 = TN.Zero;

        LoadTiles<T, TN>(shared, 0, operands, 0, row0, col0, tid, t);
        Group.Barrier();
        var steps = (k + t - 1) / t;
        for (var s = 0; s < steps; s++)
        {
            var current = (s & 1) * 2 * tileSize;
            if (s + 1 < steps)
            {
                LoadTiles<T, TN>(shared, ((s + 1) & 1) * 2 * tileSize, operands, (s + 1) * t, row0, col0, tid, t);
            }
            for (var kk = 0; kk < t; kk++)
            {
                var ar = current + kk * edge + ty;
                var br = current + tileSize + kk * edge + tx;
                T a0 = shared[ar], a1 = shared[ar + t], a2 = shared[ar + 2 * t], a3 = shared[ar + 3 * t];
                T b0 = shared[br], b1 = shared[br + t], b2 = shared[br + 2 * t], b3 = shared[br + 3 * t];
                c00 = TN.Add(c00, TN.Mul(a0, b0)); c01 = TN.Add(c01, TN.Mul(a0, b1)); c02 = TN.Add(c02, TN.Mul(a0, b2)); c03 = TN.Add(c03, TN.Mul(a0, b3));
                c10 = TN.Add(c10, TN.Mul(a1, b0)); c11 = TN.Add(c11, TN.Mul(a1, b1)); c12 = TN.Add(c12, TN.Mul(a1, b2)); c13 = TN.Add(c13, TN.Mul(a1, b3));
                c20 = TN.Add(c20, TN.Mul(a2, b0)); c21 = TN.Add(c21, TN.Mul(a2, b1)); c22 = TN.Add(c22, TN.Mul(a2, b2)); c23 = TN.Add(c23, TN.Mul(a2, b3));
                c30 = TN.Add(c30, TN.Mul(a3, b0)); c31 = TN.Add(c31, TN.Mul(a3, b1)); c32 = TN.Add(c32, TN.Mul(a3, b2)); c33 = TN.Add(c33, TN.Mul(a3, b3));
            }
            Group.Barrier();
        }

        var outStart = z * m * n;
        int r0 = row0 + ty, q0 = col0 + tx;
        StoreRow(c, outStart, r0, q0, t, m, n, c00, c01, c02, c03);
        StoreRow(c, outStart, r0 + t, q0, t, m, n, c10, c11, c12, c13);
        StoreRow(c, outStart, r0 + 2 * t, q0, t, m, n, c20, c21, c22, c23);
        StoreRow(c, outStart, r0 + 3 * t, q0, t, m, n, c30, c31, c32, c33);
    }

    // Stages the A tile (rows row0.., inner k0..) k-major and the B tile (inner k0.., columns col0..), zero-padded.
    private static void LoadTiles<T, TN>(ArrayView<T> shared, int buffer, Operands<T> o, int k0, int row0, int col0, int tid, int t)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var edge = 4 * t;
        var threads = t * t;
        var tileSize = edge * t;
        for (var e = 0; e < 4; e++)
        {
            var idx = tid + e * threads;
            int r = idx / t, kk = idx % t;
            int gr = row0 + r, gk = k0 + kk;
            shared[buffer + kk * edge + r] = gr < o.M && gk < o.K ? o.A[o.AStart + gr * o.ARowStride + gk * o.AColStride] : TN.Zero;
            int kb = idx / edge, q = idx % edge;
            int gkb = k0 + kb, gq = col0 + q;
            shared[buffer + tileSize + kb * edge + q] = gkb < o.K && gq < o.N ? o.B[o.BStart + gkb * o.BRowStride + gq * o.BColStride] : TN.Zero;
        }
    }

    private static void StoreRow<T>(ArrayView<T> c, int start, int row, int col, int t, int m, int n, T v0, T v1, T v2, T v3)
        where T : unmanaged
    {
        if (row >= m)
        {
            return;
        }
        var at = start + row * n;
        if (col < n) c[at + col] = v0;
        if (col + t < n) c[at + col + t] = v1;
        if (col + 2 * t < n) c[at + col + 2 * t] = v2;
        if (col + 3 * t < n) c[at + col + 3 * t] = v3;
    }

    // The operands of one batch entry, bundled to keep the tile loader's signature short.
    private readonly struct Operands<T>(
        ArrayView<T> a, int aStart, int aRowStride, int aColStride,
        ArrayView<T> b, int bStart, int bRowStride, int bColStride, int m, int n, int k)
        where T : unmanaged
    {
        public readonly ArrayView<T> A = a, B = b;
        public readonly int AStart = aStart, ARowStride = aRowStride, AColStride = aColStride;
        public readonly int BStart = bStart, BRowStride = bRowStride, BColStride = bColStride;
        public readonly int M = m, N = n, K = k;
    }
}
