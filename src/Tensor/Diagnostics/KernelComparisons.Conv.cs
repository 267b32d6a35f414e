namespace Scratch.Diagnostics;

public static partial class KernelComparisons
{
    // (input shape, weight shape, stride, padding): a LeNet-like layer, a strided padded one, a padding wider than the kernel.
    private static readonly (int[] X, int[] W, int Stride, int Pad)[] ConvGeometries =
    [
        ([2, 1, 12, 12], [4, 1, 5, 5], 1, 0),
        ([3, 3, 9, 7], [5, 3, 3, 3], 2, 1),
        ([1, 2, 6, 6], [2, 2, 3, 2], 1, 2),
    ];

    // The two convolutions of the model zoo's MNIST "conv" network, on a batch of 64.
    private static readonly (int[] X, int[] W, int Stride, int Pad)[] MnistConvGeometries =
    [
        ([64, 1, 28, 28], [32, 1, 5, 5], 1, 0),
        ([64, 32, 12, 12], [64, 32, 5, 5], 1, 0),
    ];

    private static IEnumerable<KernelComparison> Conv2d(bool large)
    {
        foreach (var dtype in Floats)
        {
            var (rtol, atol) = Tolerance(dtype);
            foreach (var g in ConvGeometries)
            {
                // The weight gradient sums over every output position of every image: a wider tolerance.
                foreach (var c in ConvCases(g, dtype, (rtol * 5, atol * 5), (rtol * 50, atol * 50)))
                {
                    yield return c;
                }
            }
        }
        if (large)
        {
            foreach (var g in MnistConvGeometries)
            {
                foreach (var c in ConvCases(g, DType.Float32, (1e-4, 2e-3), (1e-4, 1e-2)))
                {
                    yield return c;
                }
            }
        }
    }

    private static IEnumerable<KernelComparison> ConvCases((int[] X, int[] W, int Stride, int Pad) g, DType dtype, (double R, double A) tolerance, (double R, double A) weightTolerance)
    {
        var (xs, ws, s, p) = g;
        var outShape = Tensor.Conv2d(Tensor.Zeros(xs), Tensor.Zeros(ws), null, (s, s), (p, p)).Shape.ToArray();
        var on = $"{dtype} x {S(xs)} w {S(ws)} stride {s} padding {p}";
        yield return new(KernelFamily.Conv2d, $"Conv2d {on}", d => Tensor.Conv2d(In(d, xs, LayoutKind.Transposed, 1, dtype), In(d, ws, LayoutKind.Contiguous, 2, dtype),
            In(d, [ws[0]], LayoutKind.Offset, 3, dtype), (s, s), (p, p)), tolerance.R, tolerance.A);
        yield return new(KernelFamily.Conv2d, $"Conv2dBackwardInput {on}", d => Tensor.Conv2dBackwardInput(In(d, outShape, LayoutKind.Offset, 4, dtype),
            In(d, ws, LayoutKind.Contiguous, 2, dtype), new Shape(xs), (s, s), (p, p)), tolerance.R, tolerance.A);
        yield return new(KernelFamily.Conv2d, $"Conv2dBackwardWeight {on}", d => Tensor.Conv2dBackwardWeight(In(d, xs, LayoutKind.Contiguous, 1, dtype),
            In(d, outShape, LayoutKind.Offset, 4, dtype), new Shape(ws), (s, s), (p, p)), weightTolerance.R, weightTolerance.A);
    }

    private static IEnumerable<KernelComparison> Pooling(bool large)
    {
        foreach (var dtype in Floats)
        {
            Tensor X(Device d) => In(d, [2, 3, 8, 7], LayoutKind.Broadcast, 5, dtype);
            var on = $"{dtype} Broadcast {S(2, 3, 8, 7)}";
            yield return new(KernelFamily.Pooling, $"MaxPool2d 3×2 stride (2, 1) padding 1 {on}", d => Tensor.MaxPool2d(X(d), (3, 2), (2, 1), (1, 1)).Output);
            yield return new(KernelFamily.Pooling, $"MaxPool2d argmax 3×2 stride (2, 1) padding 1 {on}", d => Tensor.MaxPool2d(X(d), (3, 2), (2, 1), (1, 1)).Argmax);
            yield return new(KernelFamily.Pooling, $"AvgPool2d 2×3 stride 2 padding 1 {on}", d => Tensor.AvgPool2d(X(d), (2, 3), (2, 2), (1, 1)));
            yield return new(KernelFamily.Pooling, $"MaxPool2dBackward 2×2 {on}", d =>
            {
                var (y, argmax) = Tensor.MaxPool2d(X(d), (2, 2));
                return Tensor.MaxPool2dBackward(In(d, y.Shape.ToArray(), LayoutKind.Offset, 6, dtype), argmax, new Shape(2, 3, 8, 7), (2, 2));
            });
            yield return new(KernelFamily.Pooling, $"AvgPool2dBackward 2×3 stride 2 padding 1 {dtype} Transposed {S(2, 3, 5, 4)}",
                d => Tensor.AvgPool2dBackward(In(d, [2, 3, 5, 4], LayoutKind.Transposed, 7, dtype), new Shape(2, 3, 8, 7), (2, 3), (2, 2), (1, 1)));
        }
        // 3×2 windows with stride (2, 1) and padding: most inputs are the maximum of several windows, so their
        // gradient is a sum; the kernel adds in the CPU's order, without atomics, so the bits agree.
        yield return new(KernelFamily.Pooling, $"MaxPool2dBackward overlapping 3×2 stride (2, 1) padding 1 Float32 {S(2, 3, 8, 7)}, bit for bit",
            d => MaxPoolBackward(d, [2, 3, 8, 7], (3, 2), (2, 1), (1, 1)), BitExactOnCpu: true);
        if (large)
        {
            yield return new(KernelFamily.Pooling, $"MaxPool2d 2×2 Float32 {S(64, 32, 24, 24)}", d => Tensor.MaxPool2d(In(d, [64, 32, 24, 24], LayoutKind.Contiguous, 8, DType.Float32), (2, 2)).Output);
            yield return new(KernelFamily.Pooling, $"MaxPool2dBackward 2×2 Float32 {S(64, 32, 24, 24)}, bit for bit",
                d => MaxPoolBackward(d, [64, 32, 24, 24], (2, 2), (2, 2), (0, 0)), BitExactOnCpu: true);
        }
    }

    private static Tensor MaxPoolBackward(Device d, int[] shape, (int, int) kernel, (int, int) stride, (int, int) padding)
    {
        var x = In(d, shape, LayoutKind.Contiguous, 8, DType.Float32);
        var (y, argmax) = Tensor.MaxPool2d(x, kernel, stride, padding);
        var gy = In(d, y.Shape.ToArray(), LayoutKind.Contiguous, 9, DType.Float32);
        return Tensor.MaxPool2dBackward(gy, argmax, x.Shape, kernel, stride, padding);
    }

    private static IEnumerable<KernelComparison> Random(bool large)
    {
        foreach (var dtype in Floats)
        {
            // Philox and the uint → float mapping are integer arithmetic: the streams are identical bit for bit.
            yield return new(KernelFamily.Random, $"Rand {dtype} {S(7, 13)} seed 42", d => Tensor.Rand([7, 13], new Generator(42), dtype, d), BitExactOnCpu: true);
            // Box–Muller uses log, sqrt, sin, cos: GPU intrinsics may differ from MathF in the last ulps.
            var tolerance = dtype == DType.Float32 ? 1e-5 : 1e-12;
            yield return new(KernelFamily.Random, $"Randn {dtype} {S(101)} seed 7 advanced by 5", d =>
            {
                var generator = new Generator(7);
                generator.Advance(5);
                return Tensor.Randn([101], generator, dtype, d);
            }, tolerance, tolerance);
        }
        if (large)
        {
            yield return new(KernelFamily.Random, $"Rand Float32 {S(1 << 20)} seed 3", d => Tensor.Rand([1 << 20], new Generator(3), DType.Float32, d), BitExactOnCpu: true);
            yield return new(KernelFamily.Random, $"Randn Float32 {S(1 << 20)} seed 4", d => Tensor.Randn([1 << 20], new Generator(4), DType.Float32, d), 1e-5, 1e-5);
        }
    }
}
