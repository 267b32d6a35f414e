namespace Scratch.Diagnostics;

public static partial class KernelComparisons
{
    private static IEnumerable<KernelComparison> Gather(bool large)
    {
        foreach (var kind in SampleTensors.AllKinds)
        {
            foreach (var dtype in Floats)
            {
                yield return new(KernelFamily.Gather, $"Gather(1) {dtype} {kind} {S(4, 6)} by {S(4, 3)}", d => In(d, [4, 6], kind, 1, dtype).Gather(1, Labels(d, [4, 3], 6, 2)));
                yield return new(KernelFamily.Gather, $"Gather(0) {dtype} {kind} {S(4, 6)} by {S(2, 6)}", d => In(d, [4, 6], kind, 3, dtype).Gather(0, Labels(d, [2, 6], 4, 4)));
            }
            yield return new(KernelFamily.Gather, $"Gather(1) Int32 {kind} {S(4, 6)} by {S(4, 1)}",
                d => In(d, [4, 6], kind, 5, DType.Float64, -9, 9).To(DType.Int32).Gather(1, Labels(d, [4, 1], 6, 6)));
        }
        if (large)
        {
            // The cross-entropy pattern: one log-probability per example, picked by its label.
            yield return new(KernelFamily.Gather, $"Gather(1) Float32 {S(10000, 10)} by labels", d => In(d, [10000, 10], LayoutKind.Contiguous, 7, DType.Float32).Gather(1, Labels(d, [10000, 1], 10, 8)));
        }
    }

    private static IEnumerable<KernelComparison> ScatterAdd(bool large)
    {
        foreach (var dtype in Floats)
        {
            var (rtol, atol) = Tolerance(dtype);
            yield return new(KernelFamily.ScatterAdd, $"ScatterAdd(1) {dtype} Offset {S(4, 8)} into {S(4, 3)}",
                d => Tensor.ScatterAdd([4, 3], 1, Labels(d, [4, 8], 3, 1), In(d, [4, 8], LayoutKind.Offset, 2, dtype)), rtol, atol);
            yield return new(KernelFamily.ScatterAdd, $"ScatterAdd(0) {dtype} Transposed {S(9, 6)} into {S(5, 6)}",
                d => Tensor.ScatterAdd([5, 6], 0, Labels(d, [9, 6], 5, 3), In(d, [9, 6], LayoutKind.Transposed, 4, dtype)), rtol, atol);
        }
        // Seven sources per row land on three targets along the middle axis: every target sums several values,
        // in the CPU's order (the kernel is a gather without atomics), so the bits agree.
        yield return new(KernelFamily.ScatterAdd, $"ScatterAdd(1) Float32 Transposed {S(2, 7, 4)} into {S(2, 3, 4)}, bit for bit",
            d => Tensor.ScatterAdd([2, 3, 4], 1, Labels(d, [2, 7, 4], 3, 11), In(d, [2, 7, 4], LayoutKind.Transposed, 12, DType.Float32)), BitExactOnCpu: true);
        if (large)
        {
            // The backward of the cross-entropy's gather.
            yield return new(KernelFamily.ScatterAdd, $"ScatterAdd(1) Float32 {S(10000, 1)} into {S(10000, 10)}, bit for bit",
                d => Tensor.ScatterAdd([10000, 10], 1, Labels(d, [10000, 1], 10, 13), In(d, [10000, 1], LayoutKind.Contiguous, 14, DType.Float32)), BitExactOnCpu: true);
        }
    }

    private static IEnumerable<KernelComparison> OneHotConcat(bool large)
    {
        yield return new(KernelFamily.OneHotConcat, $"OneHot {S(7)} of 10", d => Tensor.OneHot(Labels(d, [7], 10, 1), 10));
        yield return new(KernelFamily.OneHotConcat, $"OneHot {S(2, 3)} of 4, Float64", d => Tensor.OneHot(Labels(d, [2, 3], 4, 2), 4, DType.Float64));
        foreach (var axis in new[] { 0, 1 })
        {
            yield return new(KernelFamily.OneHotConcat, $"Concat({axis}) of Transposed, Offset, Broadcast {S(3, 4)}", d => Tensor.Concat([
                In(d, [3, 4], LayoutKind.Transposed, 3, DType.Float32),
                In(d, [3, 4], LayoutKind.Offset, 4, DType.Float32),
                In(d, [3, 4], LayoutKind.Broadcast, 5, DType.Float32)], axis));
        }
        yield return new(KernelFamily.OneHotConcat, $"Concat(0) Int32 {S(2, 2)}, {S(0, 2)}, {S(1, 2)}",
            d => Tensor.Concat([Labels(d, [2, 2], 5, 6), Labels(d, [0, 2], 5, 7), Labels(d, [1, 2], 5, 8)], 0));
        if (large)
        {
            yield return new(KernelFamily.OneHotConcat, $"OneHot {S(10000)} of 10", d => Tensor.OneHot(Labels(d, [10000], 10, 9), 10));
        }
    }
}
