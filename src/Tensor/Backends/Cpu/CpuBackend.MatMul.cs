using System.Numerics;

namespace Scratch.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public Storage MatMul(Storage a, Layout la, Storage b, Layout lb) => a.DType switch
    {
        DType.Float32 => Result(MatMul(Data<float>(a), la, Data<float>(b), lb)),
        DType.Float64 => Result(MatMul(Data<double>(a), la, Data<double>(b), lb)),
        _ => throw Unsupported("matmul", a.DType),
    };

    private static T[] MatMul<T>(T[] a, Layout la, T[] b, Layout lb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rank = la.Rank;
        int m = la.Shape[rank - 2], k = la.Shape[rank - 1], n = lb.Shape[rank - 1];
        var batch = la.ElementCount == 0 ? ProductOfBatch(la.Shape) : la.ElementCount / (m * k);
        var y = HostPool.Rent<T>(batch * m * n);
        if (y.Length == 0)
        {
            return y;
        }
        var opA = GemmOperand<T>.Of(a, la, m, k);
        var opB = GemmOperand<T>.Of(b, lb, k, n);
        GemmDispatch.MultiplyBatched(
            opA.Transpose, opB.Transpose, m, n, k,
            opA.Data.AsSpan(opA.Offset), opA.LeadingDimension,
            opB.Data.AsSpan(opB.Offset), opB.LeadingDimension,
            y, n, batch, opA.BatchStride, opB.BatchStride, (long)m * n);
        opA.ReturnPacked(a);
        opB.ReturnPacked(b);
        return y;
    }

    private static int ProductOfBatch(Shape shape)
    {
        var p = 1;
        for (var i = 0; i < shape.Rank - 2; i++)
        {
            p *= shape[i];
        }
        return p;
    }

    /// <summary>
    /// One operand of a batched product as GEMM wants it: a row-major or transposed matrix with a
    /// leading dimension, and one stride between batch entries (0 when broadcast). A view that fits
    /// (a transpose, a narrowed row range, a broadcast batch) is used in place; anything else is gathered once.
    /// </summary>
    private readonly record struct GemmOperand<T>(T[] Data, int Offset, GemmTranspose Transpose, int LeadingDimension, long BatchStride)
        where T : unmanaged
    {
        public static GemmOperand<T> Of(T[] data, Layout layout, int rows, int cols)
        {
            var r = layout.Rank;
            int sr = layout.Strides[r - 2], sc = layout.Strides[r - 1];
            var batchStride = SingleBatchStride(layout);
            if (batchStride >= 0)
            {
                if ((cols == 1 || sc == 1) && (rows == 1 || sr >= cols))
                {
                    return new(data, layout.Offset, GemmTranspose.None, rows == 1 ? cols : sr, batchStride);
                }
                if ((rows == 1 || sr == 1) && (cols == 1 || sc >= rows))
                {
                    return new(data, layout.Offset, GemmTranspose.Transpose, cols == 1 ? rows : sc, batchStride);
                }
            }
            var packed = Gather(data, layout);
            return new(packed, 0, GemmTranspose.None, cols, ProductOfBatchStride(layout, rows, cols));
        }

        /// <summary>Gives a gathered copy (not the caller's <paramref name="source"/>) back to the pool.</summary>
        public void ReturnPacked(T[] source)
        {
            if (!ReferenceEquals(Data, source))
            {
                HostPool.Return(Data);
            }
        }

        private static long ProductOfBatchStride(Layout layout, int rows, int cols) =>
            layout.Rank > 2 ? (long)rows * cols : 0;

        // The single stride that steps through every batch entry, 0 if all are one (broadcast) matrix, −1 if none exists.
        private static long SingleBatchStride(Layout layout)
        {
            long stride = 0;
            var expected = -1L;
            for (var d = layout.Rank - 3; d >= 0; d--)
            {
                var size = layout.Shape[d];
                if (size == 1)
                {
                    continue;
                }
                var s = layout.Strides[d];
                if (expected < 0)
                {
                    stride = s;
                    expected = (long)s * size;
                }
                else if (s == expected || (s == 0 && stride == 0))
                {
                    expected = (long)s * size;
                }
                else
                {
                    return -1;
                }
            }
            return stride;
        }
    }
}
