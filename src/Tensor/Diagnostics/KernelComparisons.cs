namespace Scratch.Diagnostics;

/// <summary>
/// The catalogue of kernel comparisons: every op of the backend contract, on every layout kind and float
/// dtype, with the sizes and special values where kernels go wrong (m &lt; k &lt; n, sizes that are not a
/// multiple of a tile, empty tensors, NaN, ties). The GPU tests run each comparison on ILGPU's CPU
/// accelerator and on each GPU against the CPU and reference backends; <c>scratch gpu-check</c> runs
/// them on one device against the CPU backend. Tolerances: float32 kernels may use GPU intrinsics and
/// another summation order (2e-5, widened where a result sums many products), float64 agrees to 1e-12.
/// </summary>
public static partial class KernelComparisons
{
    /// <summary>Every comparison of every family at <paramref name="scale"/>.</summary>
    public static IReadOnlyList<KernelComparison> All(ComparisonScale scale) =>
        [.. Enum.GetValues<KernelFamily>().SelectMany(f => For(f, scale))];

    /// <summary>The comparisons of one family at <paramref name="scale"/>.</summary>
    public static IReadOnlyList<KernelComparison> For(KernelFamily family, ComparisonScale scale)
    {
        var large = scale == ComparisonScale.Representative;
        IEnumerable<KernelComparison> cases = family switch
        {
            KernelFamily.Unary => Unary(large),
            KernelFamily.Binary => Binary(large),
            KernelFamily.Compare => Compare(),
            KernelFamily.WhereClampCast => WhereClampCast(large),
            KernelFamily.SpecialValues => SpecialValues(),
            KernelFamily.EmptyAndScalar => EmptyAndScalar(),
            KernelFamily.Reduce => Reduce(large),
            KernelFamily.ArgReduce => ArgReduce(large),
            KernelFamily.Softmax => Softmax(large),
            KernelFamily.Gather => Gather(large),
            KernelFamily.ScatterAdd => ScatterAdd(large),
            KernelFamily.OneHotConcat => OneHotConcat(large),
            KernelFamily.MatMul => MatMul(large),
            KernelFamily.Conv2d => Conv2d(large),
            KernelFamily.Pooling => Pooling(large),
            KernelFamily.Random => Random(large),
            _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown kernel family"),
        };
        return [.. cases];
    }

    private static readonly DType[] Floats = [DType.Float32, DType.Float64];

    /// <summary>Tolerances for a dtype: float32 kernels use GPU intrinsics and a different summation order.</summary>
    private static (double Rtol, double Atol) Tolerance(DType dtype) => dtype == DType.Float32 ? (2e-5, 2e-5) : (1e-12, 1e-12);

    private static Tensor In(Device device, int[] shape, LayoutKind kind, int seed, DType dtype, double lo = -2, double hi = 2) =>
        SampleTensors.Make(shape, kind, seed, dtype, lo, hi, device);

    // Integer labels in [0, bound), as int32.
    private static Tensor Labels(Device device, int[] shape, int bound, int seed) =>
        In(device, shape, LayoutKind.Contiguous, seed, DType.Float64, 0, bound - 1e-9).To(DType.Int32);

    private static string S(params int[] shape) => "[" + string.Join(", ", shape) + "]";
}
