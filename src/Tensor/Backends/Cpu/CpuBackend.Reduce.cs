using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public Storage Reduce(ReduceOp op, Storage x, Layout lx, int[] axes) => x.DType switch
    {
        DType.Float32 => Result(Reduce(op, Data<float>(x), lx, axes)),
        DType.Float64 => Result(Reduce(op, Data<double>(x), lx, axes)),
        _ => throw Unsupported(op.ToString(), x.DType),
    };

    /// <inheritdoc/>
    public Storage ArgReduce(ArgReduceOp op, Storage x, Layout lx, int axis) => x.DType switch
    {
        DType.Float32 => Result(ArgReduce(op, Data<float>(x), lx, axis)),
        DType.Float64 => Result(ArgReduce(op, Data<double>(x), lx, axis)),
        _ => throw Unsupported(op.ToString(), x.DType),
    };

    /// <inheritdoc/>
    public Storage Softmax(Storage x, Layout lx, int axis, bool log) => x.DType switch
    {
        DType.Float32 => Result(Softmax(Data<float>(x), lx, axis, log)),
        DType.Float64 => Result(Softmax(Data<double>(x), lx, axis, log)),
        _ => throw Unsupported(log ? "log_softmax" : "softmax", x.DType),
    };

    private static T[] Reduce<T>(ReduceOp op, T[] x, Layout lx, int[] axes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var split = AxisSplit.Of(lx, axes);
        // Every output is written below (a whole-row accumulation or one reduction per output).
        var y = HostPool.Rent<T>(split.OuterCount);
        if (split.OuterCount == 0)
        {
            return y;
        }
        // Rows of at least this many kept elements are accumulated whole; narrower ones are reduced per output.
        const int minimumRowWidth = 16;
        if (lx.IsContiguous && split.ReducesLeadingAxes && split.OuterCount >= minimumRowWidth
            && op is ReduceOp.Sum or ReduceOp.Mean or ReduceOp.Max or ReduceOp.Min)
        {
            ReduceLeading(op, x, lx.Offset, split.InnerCount, y);
            return y;
        }
        if (op is ReduceOp.Max or ReduceOp.Min && split.InnerIsContiguous && split.OuterCount < Environment.ProcessorCount
            && split.InnerCount >= SegmentedExtremumLength)
        {
            for (var o = 0; o < split.OuterCount; o++)
            {
                y[o] = SegmentedExtremum(op, x, split.OuterOffset(o), split.InnerCount);
            }
            return y;
        }
        // Rows of the reduced axes: read in place when they are contiguous, else gathered once.
        var (source, rowOffset, rowStride) = split.InnerIsContiguous
            ? (x, -1, 0)
            : (Gather(x, split.Permuted), 0, split.InnerCount);
        if (split.OuterCount == 1)
        {
            y[0] = ReduceRow(op, source.AsSpan(rowOffset < 0 ? split.OuterOffset(0) : 0, split.InnerCount));
        }
        else
        {
            ReduceRows(op, source, rowOffset, rowStride, split, y);
        }
        if (!ReferenceEquals(source, x))
        {
            HostPool.Return(source);
        }
        return y;
    }

    // One reduction per output row, the rows split across the cores. A method of its own, so that the closure is
    // allocated only on this path (a whole-tensor sum has one row).
    private static void ReduceRows<T>(ReduceOp op, T[] source, int rowOffset, int rowStride, AxisSplit split, T[] y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        CpuParallel.For(split.OuterCount, split.InnerCount, (o0, o1) =>
        {
            for (var o = o0; o < o1; o++)
            {
                var start = rowOffset < 0 ? split.OuterOffset(o) : o * rowStride;
                y[o] = ReduceRow(op, source.AsSpan(start, split.InnerCount));
            }
        });

    // A row at least this long, with fewer rows than cores (a whole-tensor max), is cut into one segment per core.
    private const int SegmentedExtremumLength = 1 << 16;

    // The maximum (or minimum) of one long row: each core takes one segment, and the segments' extrema are combined
    // with the same IEEE 754 maximum (minimum) that TensorPrimitives applies within a segment (NaN wins, +0 above −0).
    // The operation is exact and order-free, so the result is the one pass's whatever the split.
    private static T SegmentedExtremum<T>(ReduceOp op, T[] x, int start, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parts = Environment.ProcessorCount;
        var extrema = ArrayPool<T>.Shared.Rent(parts);
        CpuParallel.Run(parts, parts, p =>
        {
            var from = (int)((long)length * p / parts);
            var segment = x.AsSpan(start + from, (int)((long)length * (p + 1) / parts) - from);
            extrema[p] = op == ReduceOp.Max ? TensorPrimitives.Max(segment) : TensorPrimitives.Min(segment);
        });
        var result = extrema[0];
        for (var p = 1; p < parts; p++)
        {
            result = op == ReduceOp.Max ? T.Max(result, extrema[p]) : T.Min(result, extrema[p]);
        }
        ArrayPool<T>.Shared.Return(extrema);
        return result;
    }

    // Reducing the leading axes of a contiguous tensor: accumulate whole rows, no transpose.
    private static void ReduceLeading<T>(ReduceOp op, T[] x, int offset, int rows, T[] y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var width = y.Length;
        if (rows == 0)
        {
            y.AsSpan().Fill(op == ReduceOp.Sum ? T.Zero : T.NaN);
            return;
        }
        CpuParallel.For(width, rows, (c0, c1) =>
        {
            var acc = y.AsSpan(c0, c1 - c0);
            x.AsSpan(offset + c0, c1 - c0).CopyTo(acc);
            for (var r = 1; r < rows; r++)
            {
                var row = x.AsSpan(offset + r * width + c0, c1 - c0);
                switch (op)
                {
                    case ReduceOp.Max: TensorPrimitives.Max(acc, row, acc); break;
                    case ReduceOp.Min: TensorPrimitives.Min(acc, row, acc); break;
                    default: TensorPrimitives.Add(acc, row, acc); break;
                }
            }
            if (op == ReduceOp.Mean)
            {
                TensorPrimitives.Divide(acc, T.CreateChecked(rows), acc);
            }
        });
    }

    private static T ReduceRow<T>(ReduceOp op, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case ReduceOp.Sum: return TensorPrimitives.Sum(row);
            case ReduceOp.Mean: return row.Length == 0 ? T.NaN : TensorPrimitives.Sum(row) / T.CreateChecked(row.Length);
            case ReduceOp.Max: return TensorPrimitives.Max(row);
            case ReduceOp.Min: return TensorPrimitives.Min(row);
            case ReduceOp.LogSumExp:
                if (row.Length == 0)
                {
                    return T.NegativeInfinity;
                }
                var m = TensorPrimitives.Max(row);
                // An infinite or NaN maximum decides the result; subtracting it would give NaN.
                if (!T.IsFinite(m))
                {
                    return m;
                }
                var buffer = ArrayPool<T>.Shared.Rent(row.Length);
                var tmp = buffer.AsSpan(0, row.Length);
                // log Σ eˣ = m + log Σ e^(x−m)
                TensorPrimitives.Subtract(row, m, tmp);
                TensorPrimitives.Exp(tmp, tmp);
                var result = m + T.Log(TensorPrimitives.Sum(tmp));
                ArrayPool<T>.Shared.Return(buffer);
                return result;
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, "unknown reduction");
        }
    }

    private static int[] ArgReduce<T>(ArgReduceOp op, T[] x, Layout lx, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var split = AxisSplit.Of(lx, [axis]);
        var y = HostPool.Rent<int>(split.OuterCount);
        CpuParallel.For(split.OuterCount, split.InnerCount, (o0, o1) =>
        {
            var buffer = ArrayPool<T>.Shared.Rent(split.InnerCount);
            var row = buffer.AsSpan(0, split.InnerCount);
            for (var o = o0; o < o1; o++)
            {
                GatherRow(x, split.OuterOffset(o), lx.Strides[axis], row);
                y[o] = op == ArgReduceOp.ArgMax ? TensorPrimitives.IndexOfMax<T>(row) : TensorPrimitives.IndexOfMin<T>(row);
            }
            ArrayPool<T>.Shared.Return(buffer);
        });
        return y;
    }

    private static T[] Softmax<T>(T[] x, Layout lx, int axis, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = HostPool.Rent<T>(lx.ElementCount);
        var split = AxisSplit.Of(lx, [axis]);
        var outSplit = AxisSplit.Of(Layout.Contiguous(lx.Shape), [axis]);
        var n = split.InnerCount;
        var inStride = lx.Strides[axis];
        var outStride = lx.Shape.SharedContiguousStrides[axis];
        CpuParallel.For(split.OuterCount, 4L * n, (o0, o1) =>
        {
            var buffer = ArrayPool<T>.Shared.Rent(n);
            var row = buffer.AsSpan(0, n);
            for (var o = o0; o < o1; o++)
            {
                GatherRow(x, split.OuterOffset(o), inStride, row);
                SoftmaxRow(row, log);
                var at = outSplit.OuterOffset(o);
                if (outStride == 1)
                {
                    row.CopyTo(y.AsSpan(at, n));
                    continue;
                }
                for (var i = 0; i < n; i++)
                {
                    y[at + i * outStride] = row[i];
                }
            }
            ArrayPool<T>.Shared.Return(buffer);
        });
        return y;
    }

    // softmax(x)ᵢ = e^(xᵢ−m) / Σⱼ e^(xⱼ−m); log_softmax(x)ᵢ = xᵢ − m − log Σⱼ e^(xⱼ−m), with m = max x.
    private static void SoftmaxRow<T>(Span<T> row, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (row.Length == 0)
        {
            return;
        }
        var m = TensorPrimitives.Max<T>(row);
        TensorPrimitives.Subtract(row, m, row);
        if (log)
        {
            var buffer = ArrayPool<T>.Shared.Rent(row.Length);
            var tmp = buffer.AsSpan(0, row.Length);
            TensorPrimitives.Exp(row, tmp);
            var logSum = T.Log(TensorPrimitives.Sum<T>(tmp));
            ArrayPool<T>.Shared.Return(buffer);
            TensorPrimitives.Subtract(row, logSum, row);
        }
        else
        {
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Sum<T>(row), row);
        }
    }
}
