using ILGPU;

namespace Scratch.Backends.Gpu.Kernels;

/// <summary>How a reduction starts, combines two partial results and finishes with the element count.</summary>
internal interface IReduceOp
{
    static abstract T Identity<T, TN>() where T : unmanaged where TN : struct, INumeric<T>;

    static abstract T Combine<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T>;

    static abstract T Finish<T, TN>(T acc, int count) where T : unmanaged where TN : struct, INumeric<T>;
}

internal readonly struct SumReduce : IReduceOp
{
    public static T Identity<T, TN>() where T : unmanaged where TN : struct, INumeric<T> => TN.Zero;
    public static T Combine<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => TN.Add(a, b);
    public static T Finish<T, TN>(T acc, int count) where T : unmanaged where TN : struct, INumeric<T> => acc;
}

/// <summary>Σx / n; an empty mean is 0/0 = NaN as on the CPU.</summary>
internal readonly struct MeanReduce : IReduceOp
{
    public static T Identity<T, TN>() where T : unmanaged where TN : struct, INumeric<T> => TN.Zero;
    public static T Combine<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => TN.Add(a, b);
    public static T Finish<T, TN>(T acc, int count) where T : unmanaged where TN : struct, INumeric<T> => TN.Div(acc, TN.FromInt(count));
}

internal readonly struct MaxReduce : IReduceOp
{
    public static T Identity<T, TN>() where T : unmanaged where TN : struct, INumeric<T> => TN.NegativeInfinity;
    public static T Combine<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => MaxOp.Apply<T, TN>(a, b);
    public static T Finish<T, TN>(T acc, int count) where T : unmanaged where TN : struct, INumeric<T> => acc;
}

internal readonly struct MinReduce : IReduceOp
{
    public static T Identity<T, TN>() where T : unmanaged where TN : struct, INumeric<T> => TN.Neg(TN.NegativeInfinity);
    public static T Combine<T, TN>(T a, T b) where T : unmanaged where TN : struct, INumeric<T> => MinOp.Apply<T, TN>(a, b);
    public static T Finish<T, TN>(T acc, int count) where T : unmanaged where TN : struct, INumeric<T> => acc;
}

/// <summary>
/// Reductions along axes, one thread group per output element: each thread folds a strided slice of
/// the reduced block, then the group combines its partials by a shared-memory tree (group sizes are
/// powers of two, at most <see cref="MaxGroup"/>). The input is read through two views: the kept
/// (outer) dimensions give the block's start, the reduced (inner) ones the offsets inside it.
/// </summary>
internal static class ReductionKernels
{
    /// <summary>The largest group the kernels are written for (the shared arrays' size).</summary>
    public const int MaxGroup = 256;

    /// <summary>y[o] = finish(⊕ x over the block of output o).</summary>
    public static void Reduce<T, TN, TOp>(ArrayView<T> x, StridedView outer, StridedView inner, int count, ArrayView<T> y)
        where T : unmanaged where TN : struct, INumeric<T> where TOp : struct, IReduceOp
    {
        var shared = SharedMemory.Allocate<T>(MaxGroup);
        var start = outer.At(Grid.IdxX);
        var acc = TOp.Identity<T, TN>();
        for (var j = Group.IdxX; j < count; j += Group.DimX)
        {
            acc = TOp.Combine<T, TN>(acc, x[start + inner.At(j)]);
        }
        acc = GroupReduce<T, TN, TOp>(shared, acc);
        if (Group.IdxX == 0)
        {
            y[Grid.IdxX] = TOp.Finish<T, TN>(acc, count);
        }
    }

    /// <summary>y[o] = m + log Σ e^(x−m) with m = max x; a non-finite m is the result (as on the CPU).</summary>
    public static void LogSumExp<T, TN>(ArrayView<T> x, StridedView outer, StridedView inner, int count, ArrayView<T> y)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var shared = SharedMemory.Allocate<T>(MaxGroup);
        var start = outer.At(Grid.IdxX);
        var m = TN.NegativeInfinity;
        for (var j = Group.IdxX; j < count; j += Group.DimX)
        {
            m = MaxOp.Apply<T, TN>(m, x[start + inner.At(j)]);
        }
        m = GroupReduce<T, TN, MaxReduce>(shared, m);
        var sum = TN.Zero;
        if (TN.IsFinite(m))
        {
            for (var j = Group.IdxX; j < count; j += Group.DimX)
            {
                sum = TN.Add(sum, TN.Exp(TN.Sub(x[start + inner.At(j)], m)));
            }
        }
        sum = GroupReduce<T, TN, SumReduce>(shared, sum);
        if (Group.IdxX == 0)
        {
            y[Grid.IdxX] = TN.IsFinite(m) ? TN.Add(m, TN.Log(sum)) : m;
        }
    }

    /// <summary>
    /// Softmax or log-softmax of one row per group: softmax(x)ᵢ = e^(xᵢ−m) / Σⱼ e^(xⱼ−m),
    /// log_softmax(x)ᵢ = xᵢ − m − log Σⱼ e^(xⱼ−m), with m = max x.
    /// </summary>
    public static void Softmax<T, TN>(ArrayView<T> x, StridedView xOuter, int xStride, ArrayView<T> y, StridedView yOuter, int yStride, int count, int log)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var shared = SharedMemory.Allocate<T>(MaxGroup);
        var xs = xOuter.At(Grid.IdxX);
        var ys = yOuter.At(Grid.IdxX);
        var m = TN.NegativeInfinity;
        for (var j = Group.IdxX; j < count; j += Group.DimX)
        {
            m = MaxOp.Apply<T, TN>(m, x[xs + j * xStride]);
        }
        m = GroupReduce<T, TN, MaxReduce>(shared, m);
        var sum = TN.Zero;
        for (var j = Group.IdxX; j < count; j += Group.DimX)
        {
            sum = TN.Add(sum, TN.Exp(TN.Sub(x[xs + j * xStride], m)));
        }
        sum = GroupReduce<T, TN, SumReduce>(shared, sum);
        var logSum = TN.Log(sum);
        for (var j = Group.IdxX; j < count; j += Group.DimX)
        {
            var shifted = TN.Sub(x[xs + j * xStride], m);
            y[ys + j * yStride] = log != 0 ? TN.Sub(shifted, logSum) : TN.Div(TN.Exp(shifted), sum);
        }
    }

    /// <summary>
    /// The index of the first maximum (or minimum) of a row, as TensorPrimitives.IndexOfMax: the first
    /// NaN wins when there is one; ties go to the lower index.
    /// </summary>
    public static void ArgReduce<T, TN>(ArrayView<T> x, StridedView outer, int stride, int count, int max, ArrayView<int> y)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var values = SharedMemory.Allocate<T>(MaxGroup);
        var indices = SharedMemory.Allocate<int>(MaxGroup);
        var start = outer.At(Grid.IdxX);
        var best = TN.Zero;
        var at = -1;
        for (var j = Group.IdxX; j < count; j += Group.DimX)
        {
            (best, at) = Better<T, TN>(best, at, x[start + j * stride], j, max);
        }
        var t = Group.IdxX;
        values[t] = best;
        indices[t] = at;
        Group.Barrier();
        for (var s = Group.DimX / 2; s > 0; s >>= 1)
        {
            if (t < s)
            {
                (values[t], indices[t]) = Better<T, TN>(values[t], indices[t], values[t + s], indices[t + s], max);
            }
            Group.Barrier();
        }
        if (t == 0)
        {
            y[Grid.IdxX] = indices[0];
        }
    }

    // The better of two candidates (index −1 is "none"): NaN beats numbers, then the larger (smaller), then the lower index.
    private static (T, int) Better<T, TN>(T va, int ia, T vb, int ib, int max) where T : unmanaged where TN : struct, INumeric<T>
    {
        if (ia < 0) return (vb, ib);
        if (ib < 0) return (va, ia);
        bool nanA = TN.IsNaN(va), nanB = TN.IsNaN(vb);
        if (nanA || nanB)
        {
            return nanA && (!nanB || ia < ib) ? (va, ia) : (vb, ib);
        }
        var bWins = max != 0 ? TN.Less(va, vb) : TN.Less(vb, va);
        return bWins || (TN.Equal(va, vb) && ib < ia) ? (vb, ib) : (va, ia);
    }

    // Combines one partial per thread by a tree in shared memory; every thread gets the result.
    private static T GroupReduce<T, TN, TOp>(ArrayView<T> shared, T value)
        where T : unmanaged where TN : struct, INumeric<T> where TOp : struct, IReduceOp
    {
        var t = Group.IdxX;
        shared[t] = value;
        Group.Barrier();
        for (var s = Group.DimX / 2; s > 0; s >>= 1)
        {
            if (t < s)
            {
                shared[t] = TOp.Combine<T, TN>(shared[t], shared[t + s]);
            }
            Group.Barrier();
        }
        var result = shared[0];
        Group.Barrier();
        return result;
    }
}
