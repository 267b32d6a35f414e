using ILGPU;
using Scratch.Backends.Gpu.Kernels;

namespace Scratch.Backends.Gpu;

internal sealed partial class IlgpuBackend
{
    /// <inheritdoc/>
    public Storage MatMul(Storage a, Layout la, Storage b, Layout lb) => a.DType switch
    {
        DType.Float32 => MatMul<float, F32>(a, la, b, lb),
        DType.Float64 => MatMul<double, F64>(a, la, b, lb),
        _ => throw Unsupported("matmul", a.DType),
    };

    // Operands are read in place through their row, column and batch strides: no transpose or broadcast is copied.
    private DeviceStorage<T> MatMul<T, TN>(Storage a, Layout la, Storage b, Layout lb) where T : unmanaged where TN : struct, INumeric<T>
    {
        var rank = la.Rank;
        int m = la.Shape[rank - 2], k = la.Shape[rank - 1], n = lb.Shape[rank - 1];
        var batchDims = la.Shape.AsSpan()[..^2].ToArray();
        var batch = batchDims.Aggregate(1, (p, d) => p * d);
        var c = Allocate<T>(batch * m * n);
        if (c.Length == 0)
        {
            return c;
        }
        var batches = ViewCollapse.Joint(batchDims,
            (la.Strides[..^2].ToArray(), la.Offset),
            (lb.Strides[..^2].ToArray(), lb.Offset));
        var t = GemmTile;
        var edge = 4 * t;
        var config = new KernelConfig(
            new Index3D((n + edge - 1) / edge, (m + edge - 1) / edge, batch),
            new Index3D(t, t, 1),
            SharedMemoryConfig.Empty);
        Kernels.Grouped<ArrayView<T>, StridedView, int, int, ArrayView<T>, StridedView, int, int, ArrayView<T>, int, int, int>(GemmKernel.Gemm<T, TN>)(
            config,
            View<T>(a), batches[0], la.Strides[rank - 2], la.Strides[rank - 1],
            View<T>(b), batches[1], lb.Strides[rank - 2], lb.Strides[rank - 1],
            c.View, m, n, k);
        return c;
    }
}
