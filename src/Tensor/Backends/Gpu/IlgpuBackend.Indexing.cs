using ILGPU;
using ILGPU.Runtime;
using Scratch.Backends.Gpu.Kernels;

namespace Scratch.Backends.Gpu;

internal sealed partial class IlgpuBackend
{
    /// <inheritdoc/>
    public Storage Gather(Storage x, Layout lx, int axis, Storage index, Layout li) => x.DType switch
    {
        DType.Float32 => Gather<float>(x, lx, axis, index, li),
        DType.Float64 => Gather<double>(x, lx, axis, index, li),
        _ => Gather<int>(x, lx, axis, index, li),
    };

    /// <inheritdoc/>
    public Storage ScatterAdd(Shape shape, int axis, Storage index, Layout li, Storage src, Layout ls) => src.DType switch
    {
        DType.Float32 => ScatterAdd<float, F32>(shape, axis, index, li, src, ls),
        DType.Float64 => ScatterAdd<double, F64>(shape, axis, index, li, src, ls),
        _ => throw Unsupported("scatter_add", src.DType),
    };

    /// <inheritdoc/>
    public Storage OneHot(Storage index, Layout li, int classes, DType dtype) => dtype switch
    {
        DType.Float32 => OneHot<float, F32>(index, li, classes),
        DType.Float64 => OneHot<double, F64>(index, li, classes),
        _ => throw Unsupported("one_hot", dtype),
    };

    /// <inheritdoc/>
    public Storage Concat(IReadOnlyList<(Storage Storage, Layout Layout)> parts, int axis, Shape shape) => parts[0].Storage.DType switch
    {
        DType.Float32 => Concat<float>(parts, axis, shape),
        DType.Float64 => Concat<double>(parts, axis, shape),
        _ => Concat<int>(parts, axis, shape),
    };

    private DeviceStorage<T> Gather<T>(Storage x, Layout lx, int axis, Storage index, Layout li) where T : unmanaged
    {
        var n = li.ElementCount;
        var y = Allocate<T>(n);
        if (n == 0)
        {
            return y;
        }
        // x viewed with the index's shape and stride 0 along the axis: the index supplies that coordinate.
        var xStrides = lx.Strides.ToArray();
        xStrides[axis] = 0;
        var v = ViewCollapse.Joint(li.Shape.AsSpan(), (xStrides, lx.Offset), (li.Strides.ToArray(), li.Offset));
        using var error = ErrorFlag();
        Kernels.Auto<ArrayView<T>, StridedView, int, int, ArrayView<int>, StridedView, ArrayView<T>, ArrayView<int>>(IndexingKernels.Gather<T>)(
            n, View<T>(x), v[0], lx.Strides[axis], lx.Shape[axis], View<int>(index), v[1], y.View, error.View);
        ThrowOnBadIndex(error, index, li, lx.Shape[axis], "gather");
        return y;
    }

    private DeviceStorage<T> ScatterAdd<T, TN>(Shape shape, int axis, Storage index, Layout li, Storage src, Layout ls)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var n = li.ElementCount;
        if (n == 0)
        {
            return (DeviceStorage<T>)Zeros(DTypeExtensions.Of<T>(), shape.ElementCount);
        }
        using var error = ErrorFlag();
        Kernels.Auto<ArrayView<int>, StridedView, int, ArrayView<int>>(IndexingKernels.CheckRange)(n, View<int>(index), ViewCollapse.Of(li), shape[axis], error.View);
        ThrowOnBadIndex(error, index, li, shape[axis], "scatter_add");
        var post = 1;
        for (var d = axis + 1; d < shape.Rank; d++)
        {
            post *= shape[d];
        }
        var y = Allocate<T>(shape.ElementCount);
        using var denseIndex = Copy<int>(index, li);
        using var denseSrc = Copy<T>(src, ls);
        Kernels.Auto<ArrayView<T>, int, int, ArrayView<int>, ArrayView<T>, int>(IndexingKernels.ScatterAdd<T, TN>)(
            y.Length, y.View, shape[axis], post, denseIndex.View, denseSrc.View, li.Shape[axis]);
        return y;
    }

    private DeviceStorage<T> OneHot<T, TN>(Storage index, Layout li, int classes) where T : unmanaged where TN : struct, INumeric<T>
    {
        var n = li.ElementCount * classes;
        var y = Allocate<T>(n);
        if (n == 0)
        {
            return y;
        }
        using var error = ErrorFlag();
        Kernels.Auto<ArrayView<int>, StridedView, int, ArrayView<T>, ArrayView<int>>(IndexingKernels.OneHot<T, TN>)(
            n, View<int>(index), ViewCollapse.Of(li), classes, y.View, error.View);
        ThrowOnBadIndex(error, index, li, classes, "one_hot");
        return y;
    }

    private DeviceStorage<T> Concat<T>(IReadOnlyList<(Storage Storage, Layout Layout)> parts, int axis, Shape shape) where T : unmanaged
    {
        var y = Allocate<T>(shape.ElementCount);
        var whole = Layout.Contiguous(shape);
        var start = 0;
        foreach (var (storage, layout) in parts)
        {
            var length = layout.Shape[axis];
            var destination = whole.Narrow(axis, start, length);
            start += length;
            if (layout.ElementCount == 0)
            {
                continue;
            }
            var v = ViewCollapse.Joint(layout, destination);
            Kernels.Auto<ArrayView<T>, StridedView, ArrayView<T>, StridedView>(ElementwiseKernels.Copy<T>)(layout.ElementCount, View<T>(storage), v[0], y.View, v[1]);
        }
        return y;
    }

    // One int on the device holding the lowest bad flat position, int.MaxValue while none.
    private DeviceStorage<int> ErrorFlag()
    {
        var flag = Allocate<int>(1);
        flag.View.CopyFromCPU([int.MaxValue]);
        return flag;
    }

    // Reads the flag back (one 4-byte copy) and raises the CPU backend's error for the first bad index.
    private void ThrowOnBadIndex(DeviceStorage<int> flag, Storage index, Layout li, int bound, string op)
    {
        var position = ToHost<int>(flag, Layout.Contiguous(new Shape(1)))[0];
        if (position != int.MaxValue)
        {
            IndexCheck.InRange(ToHost<int>(index, li), bound, op, "index");
        }
    }
}
