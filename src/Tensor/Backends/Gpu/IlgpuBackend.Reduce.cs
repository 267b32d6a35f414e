using ILGPU;
using Scratch.Backends.Gpu.Kernels;

namespace Scratch.Backends.Gpu;

internal sealed partial class IlgpuBackend
{
    /// <inheritdoc/>
    public Storage Reduce(ReduceOp op, Storage x, Layout lx, int[] axes) => x.DType switch
    {
        DType.Float32 => Reduce<float, F32>(op, x, lx, axes),
        DType.Float64 => Reduce<double, F64>(op, x, lx, axes),
        _ => throw Unsupported(op.ToString(), x.DType),
    };

    /// <inheritdoc/>
    public Storage ArgReduce(ArgReduceOp op, Storage x, Layout lx, int axis) => x.DType switch
    {
        DType.Float32 => ArgReduce<float, F32>(op, x, lx, axis),
        DType.Float64 => ArgReduce<double, F64>(op, x, lx, axis),
        _ => throw Unsupported(op.ToString(), x.DType),
    };

    /// <inheritdoc/>
    public Storage Softmax(Storage x, Layout lx, int axis, bool log) => x.DType switch
    {
        DType.Float32 => Softmax<float, F32>(x, lx, axis, log),
        DType.Float64 => Softmax<double, F64>(x, lx, axis, log),
        _ => throw Unsupported(log ? "log_softmax" : "softmax", x.DType),
    };

    private DeviceStorage<T> Reduce<T, TN>(ReduceOp op, Storage x, Layout lx, int[] axes) where T : unmanaged where TN : struct, INumeric<T>
    {
        var (outer, outputs) = Outer(lx, axes);
        var innerDims = axes.Select(a => lx.Shape[a]).ToArray();
        var inner = ViewCollapse.Joint(innerDims, (axes.Select(a => lx.Strides[a]).ToArray(), 0))[0];
        var count = innerDims.Aggregate(1, (p, d) => p * d);
        var y = Allocate<T>(outputs);
        if (outputs == 0)
        {
            return y;
        }
        var config = new KernelConfig(new Index1D(outputs), new Index1D(ReductionGroup), SharedMemoryConfig.Empty);
        var (xv, yv) = (View<T>(x), y.View);
        switch (op)
        {
            case ReduceOp.Sum: ReduceWith<T, TN, SumReduce>()(config, xv, outer, inner, count, yv); break;
            case ReduceOp.Mean: ReduceWith<T, TN, MeanReduce>()(config, xv, outer, inner, count, yv); break;
            case ReduceOp.Max: ReduceWith<T, TN, MaxReduce>()(config, xv, outer, inner, count, yv); break;
            case ReduceOp.Min: ReduceWith<T, TN, MinReduce>()(config, xv, outer, inner, count, yv); break;
            case ReduceOp.LogSumExp:
                Kernels.Grouped<ArrayView<T>, StridedView, StridedView, int, ArrayView<T>>(ReductionKernels.LogSumExp<T, TN>)(config, xv, outer, inner, count, yv);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "unknown reduction");
        }
        return y;
    }

    private Action<KernelConfig, ArrayView<T>, StridedView, StridedView, int, ArrayView<T>> ReduceWith<T, TN, TOp>()
        where T : unmanaged where TN : struct, INumeric<T> where TOp : struct, IReduceOp =>
        Kernels.Grouped<ArrayView<T>, StridedView, StridedView, int, ArrayView<T>>(ReductionKernels.Reduce<T, TN, TOp>);

    private DeviceStorage<int> ArgReduce<T, TN>(ArgReduceOp op, Storage x, Layout lx, int axis) where T : unmanaged where TN : struct, INumeric<T>
    {
        var (outer, outputs) = Outer(lx, [axis]);
        var y = Allocate<int>(outputs);
        if (outputs > 0)
        {
            var config = new KernelConfig(new Index1D(outputs), new Index1D(ReductionGroup), SharedMemoryConfig.Empty);
            Kernels.Grouped<ArrayView<T>, StridedView, int, int, int, ArrayView<int>>(ReductionKernels.ArgReduce<T, TN>)(
                config, View<T>(x), outer, lx.Strides[axis], lx.Shape[axis], op == ArgReduceOp.ArgMax ? 1 : 0, y.View);
        }
        return y;
    }

    private DeviceStorage<T> Softmax<T, TN>(Storage x, Layout lx, int axis, bool log) where T : unmanaged where TN : struct, INumeric<T>
    {
        var y = Allocate<T>(lx.ElementCount);
        if (lx.ElementCount == 0)
        {
            return y;
        }
        var kept = Enumerable.Range(0, lx.Rank).Where(a => a != axis).ToArray();
        var contiguous = lx.Shape.ContiguousStrides();
        var views = ViewCollapse.Joint(
            kept.Select(a => lx.Shape[a]).ToArray(),
            (kept.Select(a => lx.Strides[a]).ToArray(), lx.Offset),
            (kept.Select(a => contiguous[a]).ToArray(), 0));
        var rows = lx.ElementCount / lx.Shape[axis];
        var config = new KernelConfig(new Index1D(rows), new Index1D(ReductionGroup), SharedMemoryConfig.Empty);
        Kernels.Grouped<ArrayView<T>, StridedView, int, ArrayView<T>, StridedView, int, int, int>(ReductionKernels.Softmax<T, TN>)(
            config, View<T>(x), views[0], lx.Strides[axis], y.View, views[1], contiguous[axis], lx.Shape[axis], log ? 1 : 0);
        return y;
    }

    // The view of the kept axes (with the layout's offset) and the number of output positions.
    private static (StridedView View, int Count) Outer(Layout lx, int[] axes)
    {
        var kept = Enumerable.Range(0, lx.Rank).Where(a => !axes.Contains(a)).ToArray();
        var dims = kept.Select(a => lx.Shape[a]).ToArray();
        var view = ViewCollapse.Joint(dims, (kept.Select(a => lx.Strides[a]).ToArray(), lx.Offset))[0];
        return (view, dims.Aggregate(1, (p, d) => p * d));
    }
}
