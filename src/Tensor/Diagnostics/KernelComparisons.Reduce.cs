namespace Scratch.Diagnostics;

public static partial class KernelComparisons
{
    private static readonly int[][] AxisSets = [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2]];

    private static IEnumerable<KernelComparison> Reduce(bool large)
    {
        foreach (var dtype in Floats)
        {
            var (rtol, atol) = Tolerance(dtype);
            foreach (var kind in SampleTensors.AllKinds)
            {
                foreach (var axes in AxisSets)
                {
                    var on = $"{dtype} {kind} {S(3, 4, 5)} axes {S(axes)}";
                    yield return new(KernelFamily.Reduce, $"Sum {on}", d => In(d, [3, 4, 5], kind, 1, dtype).Sum(axes), rtol, atol);
                    yield return new(KernelFamily.Reduce, $"Mean keepDim {on}", d => In(d, [3, 4, 5], kind, 2, dtype).Mean(axes, keepDim: true), rtol, atol);
                    yield return new(KernelFamily.Reduce, $"Max {on}", d => In(d, [3, 4, 5], kind, 3, dtype).Max(axes), rtol, atol);
                    yield return new(KernelFamily.Reduce, $"Min {on}", d => In(d, [3, 4, 5], kind, 4, dtype).Min(axes), rtol, atol);
                    yield return new(KernelFamily.Reduce, $"LogSumExp {on}", d => In(d, [3, 4, 5], kind, 5, dtype).LogSumExp(axes), rtol, atol);
                }
            }
        }
        // A row much longer than a thread group: every thread folds many elements before the tree.
        yield return new(KernelFamily.Reduce, $"Sum(1) Float32 {S(2, 1000)}", d => In(d, [2, 1000], LayoutKind.Contiguous, 1, DType.Float32).Sum(1), 1e-4, 1e-4);
        yield return new(KernelFamily.Reduce, $"LogSumExp(0) Float64 Transposed {S(1000, 3)}", d => In(d, [1000, 3], LayoutKind.Transposed, 2, DType.Float64).LogSumExp(0), 1e-12, 1e-12);
        if (large)
        {
            // Positive values, so that a float32 sum of thousands of terms has no cancellation to amplify the order's rounding.
            yield return new(KernelFamily.Reduce, $"Sum(1) Float32 {S(512, 4096)}", d => In(d, [512, 4096], LayoutKind.Contiguous, 3, DType.Float32, 0, 1).Sum(1), 1e-4, 1e-4);
            yield return new(KernelFamily.Reduce, $"Sum(0) Float32 Transposed {S(4096, 512)}", d => In(d, [4096, 512], LayoutKind.Transposed, 4, DType.Float32, 0, 1).Sum(0), 1e-4, 1e-4);
            yield return new(KernelFamily.Reduce, $"Mean Float32 {S(1000, 1000)}", d => In(d, [1000, 1000], LayoutKind.Contiguous, 5, DType.Float32, 0, 1).Mean(), 1e-4, 1e-4);
            yield return new(KernelFamily.Reduce, $"LogSumExp(1) Float32 {S(512, 4096)}", d => In(d, [512, 4096], LayoutKind.Offset, 6, DType.Float32, -10, 10).LogSumExp(1), 1e-5, 1e-5);
            yield return new(KernelFamily.Reduce, $"Max(0) Float32 {S(4096, 512)}", d => In(d, [4096, 512], LayoutKind.Contiguous, 7, DType.Float32).Max(0));
        }
    }

    private static IEnumerable<KernelComparison> ArgReduce(bool large)
    {
        foreach (var kind in SampleTensors.AllKinds)
        {
            foreach (var axis in new[] { 0, 1, 2 })
            {
                // Values rounded to -1, 0, 1 so that ties are common: the first index must win.
                Tensor Coarse(Device d) => In(d, [3, 40, 5], kind, axis, DType.Float64, -2, 2).Clamp(-1, 1).To(DType.Int32).To(DType.Float32);
                yield return new(KernelFamily.ArgReduce, $"ArgMax({axis}) with ties {kind} {S(3, 40, 5)}", d => Coarse(d).ArgMax(axis));
                yield return new(KernelFamily.ArgReduce, $"ArgMin({axis}) keepDim with ties {kind} {S(3, 40, 5)}", d => Coarse(d).ArgMin(axis, keepDim: true));
                yield return new(KernelFamily.ArgReduce, $"ArgMax({axis}) Float64 {kind} {S(3, 40, 5)}", d => In(d, [3, 40, 5], kind, 9, DType.Float64).ArgMax(axis));
            }
        }
        if (large)
        {
            yield return new(KernelFamily.ArgReduce, $"ArgMax(1) Float32 {S(1000, 1000)}", d => In(d, [1000, 1000], LayoutKind.Contiguous, 10, DType.Float32).ArgMax(1));
            yield return new(KernelFamily.ArgReduce, $"ArgMax(1) Float32 {S(10000, 10)}", d => In(d, [10000, 10], LayoutKind.Contiguous, 11, DType.Float32).ArgMax(1));
        }
    }

    private static IEnumerable<KernelComparison> Softmax(bool large)
    {
        foreach (var dtype in Floats)
        {
            var (rtol, atol) = Tolerance(dtype);
            foreach (var kind in SampleTensors.AllKinds)
            {
                foreach (var axis in new[] { 0, 1, 2 })
                {
                    yield return new(KernelFamily.Softmax, $"Softmax({axis}) {dtype} {kind} {S(3, 4, 5)}", d => In(d, [3, 4, 5], kind, 1, dtype, -10, 10).Softmax(axis), rtol, atol);
                    yield return new(KernelFamily.Softmax, $"LogSoftmax({axis}) {dtype} {kind} {S(3, 4, 5)}", d => In(d, [3, 4, 5], kind, 2, dtype, -10, 10).LogSoftmax(axis), rtol, atol);
                }
            }
            yield return new(KernelFamily.Softmax, $"LogSoftmax(1) {dtype} Offset {S(2, 700)}", d => In(d, [2, 700], LayoutKind.Offset, 3, dtype, -30, 30).LogSoftmax(1), rtol, atol);
        }
        if (large)
        {
            yield return new(KernelFamily.Softmax, $"LogSoftmax(1) Float32 {S(10000, 10)}", d => In(d, [10000, 10], LayoutKind.Contiguous, 4, DType.Float32, -10, 10).LogSoftmax(1), 2e-5, 2e-5);
            yield return new(KernelFamily.Softmax, $"Softmax(1) Float32 {S(256, 4096)}", d => In(d, [256, 4096], LayoutKind.Contiguous, 5, DType.Float32, -10, 10).Softmax(1), 2e-5, 2e-5);
        }
    }
}
