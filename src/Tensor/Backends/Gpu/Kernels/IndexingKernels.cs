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

    /// <summary>Records in error[0] the lowest position i whose index[i] lies outside [0, bound).</summary>
    public static void CheckRange(Index1D i, ArrayView<int> index, StridedView vi, int bound, ArrayView<int> error)
    {
        if ((uint)index[vi.At(i)] >= (uint)bound)
        {
            Atomic.Min(ref error[0], i);
        }
    }

    /// <summary>
    /// One element of scatter-add, written as a gather: y[pre, k, post] = Σ_t src[pre, t, post] over the t (ascending)
    /// with index[pre, t, post] = k, for dense index and src of shape [pre, count, post]. Ascending t is the order in
    /// which the CPU kernel adds, so the result is the CPU's bit for bit and needs no atomics. Out-of-range indices
    /// match no k and are reported by <see cref="CheckRange"/>.
    /// </summary>
    public static void ScatterAdd<T, TN>(Index1D j, ArrayView<T> y, int bound, int post, ArrayView<int> index, ArrayView<T> src, int count)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int inner = j % post, k = j / post % bound, outer = j / (post * bound);
        var sum = TN.Zero;
        for (var t = 0; t < count; t++)
        {
            var at = (outer * count + t) * post + inner;
            if (index[at] == k)
            {
                sum = TN.Add(sum, src[at]);
            }
        }
        y[j] = sum;
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
