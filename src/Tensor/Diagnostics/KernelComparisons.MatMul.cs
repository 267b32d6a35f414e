namespace Scratch.Diagnostics;

public static partial class KernelComparisons
{
    // m < k, k < n, sizes that are not multiples of any tile, one-element and tile-sized cases, and k = 0.
    private static readonly int[][] MatMulSizes = [[1, 1, 1], [3, 37, 5], [17, 3, 29], [33, 20, 47], [16, 16, 16], [64, 64, 64], [70, 9, 65], [2, 0, 3]];

    private static IEnumerable<KernelComparison> MatMul(bool large)
    {
        foreach (var s in MatMulSizes)
        {
            var (m, k, n) = (s[0], s[1], s[2]);
            foreach (var dtype in Floats)
            {
                var (rtol, atol) = Tolerance(dtype);
                yield return new(KernelFamily.MatMul, $"{dtype} {S(m, k)}·{S(k, n)}",
                    d => Tensor.MatMul(In(d, [m, k], LayoutKind.Contiguous, 1, dtype), In(d, [k, n], LayoutKind.Contiguous, 2, dtype)), rtol * 10, atol * 10);
            }
        }
        foreach (var ka in SampleTensors.AllKinds)
        {
            foreach (var kb in SampleTensors.AllKinds)
            {
                yield return new(KernelFamily.MatMul, $"Float32 {ka} {S(2, 19, 11)}·{kb} {S(2, 11, 21)}",
                    d => Tensor.MatMul(In(d, [2, 19, 11], ka, 1, DType.Float32), In(d, [2, 11, 21], kb, 2, DType.Float32)), 1e-4, 1e-4);
            }
        }
        // [2, 3, m, k] · [k, n]: the right operand's batch is broadcast (stride 0), read in place.
        yield return new(KernelFamily.MatMul, $"Float64 Transposed {S(2, 3, 5, 7)}·Offset {S(7, 9)}",
            d => Tensor.MatMul(In(d, [2, 3, 5, 7], LayoutKind.Transposed, 3, DType.Float64), In(d, [7, 9], LayoutKind.Offset, 4, DType.Float64)), 1e-12, 1e-12);
        yield return new(KernelFamily.MatMul, $"Float32 vector {S(7)}·Broadcast {S(3, 7, 4)}",
            d => Tensor.MatMul(In(d, [7], LayoutKind.Contiguous, 5, DType.Float32), In(d, [3, 7, 4], LayoutKind.Broadcast, 6, DType.Float32)), 1e-4, 1e-4);
        yield return new(KernelFamily.MatMul, $"Float32 {S(4, 7)}·Offset vector {S(7)}",
            d => Tensor.MatMul(In(d, [4, 7], LayoutKind.Contiguous, 7, DType.Float32), In(d, [7], LayoutKind.Offset, 8, DType.Float32)), 1e-4, 1e-4);
        if (large)
        {
            // A sum of 1024 products of terms up to 4 in size: float32 rounding in another order reaches about 1e-4 of the terms' scale.
            yield return new(KernelFamily.MatMul, $"Float32 {S(513, 1024)}·{S(1024, 767)}",
                d => Tensor.MatMul(In(d, [513, 1024], LayoutKind.Contiguous, 9, DType.Float32), In(d, [1024, 767], LayoutKind.Contiguous, 10, DType.Float32)), 1e-4, 2e-3);
            yield return new(KernelFamily.MatMul, $"Float32 Transposed {S(1024, 1024)}·Transposed {S(1024, 1024)}",
                d => Tensor.MatMul(In(d, [1024, 1024], LayoutKind.Transposed, 11, DType.Float32), In(d, [1024, 1024], LayoutKind.Transposed, 12, DType.Float32)), 1e-4, 2e-3);
            yield return new(KernelFamily.MatMul, $"Float32 batched {S(8, 128, 64)}·Transposed {S(8, 64, 96)}",
                d => Tensor.MatMul(In(d, [8, 128, 64], LayoutKind.Contiguous, 13, DType.Float32), In(d, [8, 64, 96], LayoutKind.Transposed, 14, DType.Float32)), 1e-4, 1e-3);
            yield return new(KernelFamily.MatMul, $"Float64 {S(300, 257)}·{S(257, 129)}",
                d => Tensor.MatMul(In(d, [300, 257], LayoutKind.Contiguous, 15, DType.Float64), In(d, [257, 129], LayoutKind.Contiguous, 16, DType.Float64)), 1e-12, 1e-11);
        }
    }
}
