using ILGPU;

namespace Scratch.Backends.Gpu.Kernels;

/// <summary>
/// Index-driven kernels over int32 index tensors. A kernel never reads or writes out of bounds: an
/// index outside [0, bound) is skipped and the lowest flat position holding one is recorded in
/// <c>error[0]</c> (initialised to int.MaxValue), so the host can raise the same clear error as the CPU.
/// </summary>
internal static class IndexingKernels
{
    /// <summary>y[i] = x[base(i) + index[i]·axisStride], where base views x with the index's shape and stride 0 on the axis.</summary>
    public static void Gather<T>(Index1D i, ArrayView<T> x, StridedView xBase, int axisStride, int bound,
        ArrayView<int> index, StridedView vi, ArrayView<T> y, ArrayView<int> error)
        where T : unmanaged
    {
        var v = index[vi.At(i)];
        if ((uint)v >= (uint)bound)
        {
            Atomic.Min(ref error[0], i);
            y[i] = default;
            return;
        }
        y[i] = x[xBase.At(i) + v * axisStride];
    }

    /// <summary>y[base(i) + index[i]·axisStride] += src[i], atomically (summation order, hence the last bits, may vary).</summary>
    public static void ScatterAdd<T, TN>(Index1D i, ArrayView<T> y, StridedView yBase, int axisStride, int bound,
        ArrayView<int> index, StridedView vi, ArrayView<T> src, StridedView vs, ArrayView<int> error)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var v = index[vi.At(i)];
        if ((uint)v >= (uint)bound)
        {
            Atomic.Min(ref error[0], i);
            return;
        }
        TN.AtomicAdd(ref y[yBase.At(i) + v * axisStride], src[vs.At(i)]);
    }

    /// <summary>y[r·classes + c] = (index[r] == c).</summary>
    public static void OneHot<T, TN>(Index1D i, ArrayView<int> index, StridedView vi, int classes, ArrayView<T> y, ArrayView<int> error)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var row = i / classes;
        var v = index[vi.At(row)];
        if ((uint)v >= (uint)classes)
        {
            Atomic.Min(ref error[0], row);
        }
        y[i] = v == i % classes ? TN.One : TN.Zero;
    }
}
