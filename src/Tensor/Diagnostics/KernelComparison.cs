using System.Globalization;

namespace Scratch.Diagnostics;

/// <summary>
/// One kernel check: a computation that builds its own inputs on the device it is given, run on the device
/// under test and on a trusted device (the CPU backend, or the reference backend), and compared element by
/// element: the same shape, NaN where the other has NaN, and |actual − expected| ≤ atol + rtol·|expected|.
/// </summary>
/// <param name="Family">The group it belongs to.</param>
/// <param name="Name">What it computes (op, dtype, layout, shape), unique within its family.</param>
/// <param name="Compute">Builds the inputs on the given device and applies the kernel(s) under test.</param>
/// <param name="Rtol">Relative tolerance.</param>
/// <param name="Atol">Absolute tolerance.</param>
/// <param name="BitExactOnCpu">
/// Whether the result must equal the CPU backend's bit for bit (kernels that sum in the CPU's order); against
/// the reference backend, which sums in float64, the tolerance applies.
/// </param>
public sealed record KernelComparison(KernelFamily Family, string Name, Func<Device, Tensor> Compute, double Rtol = 1e-5, double Atol = 1e-6, bool BitExactOnCpu = false)
{
    /// <summary>Runs the computation on <paramref name="device"/> and on <paramref name="against"/> and compares the results.</summary>
    /// <remarks>
    /// An exception from either side (a kernel that fails to launch, a driver error) is the comparison's
    /// failure, reported in <see cref="ComparisonResult.Detail"/>, so that one broken kernel does not hide the others.
    /// </remarks>
    public ComparisonResult Run(Device device, Device against) => Run(device, [against])[0];

    /// <summary>Runs the computation once on <paramref name="device"/> and compares it with its result on each trusted device.</summary>
    /// <returns>One result per device of <paramref name="against"/>, in order.</returns>
    public IReadOnlyList<ComparisonResult> Run(Device device, IReadOnlyList<Device> against)
    {
        ArgumentNullException.ThrowIfNull(against);
        Tensor actual;
        try
        {
            actual = Compute(device);
            if (actual.Device != device)
            {
                return [.. against.Select(a => Result(device, a, double.PositiveInfinity, $"the result is on {actual.Device}, expected {device}"))];
            }
            actual = actual.To(Device.Cpu);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [.. against.Select(a => Failure(device, a, e))];
        }
        return [.. against.Select(a => Compare(device, a, actual))];
    }

    private ComparisonResult Compare(Device device, Device against, Tensor actual)
    {
        try
        {
            var expected = Compute(against);
            var (ratio, detail) = BitExactOnCpu && against == Device.Cpu
                ? CompareBits(expected, actual)
                : CompareValues(expected, actual, Rtol, Atol);
            return Result(device, against, ratio, detail);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failure(device, against, e);
        }
    }

    private ComparisonResult Failure(Device device, Device against, Exception e) =>
        Result(device, against, double.PositiveInfinity, $"{e.GetType().Name}: {e.Message}");

    private ComparisonResult Result(Device device, Device against, double ratio, string detail) =>
        new(Family, Name, device, against, detail.Length == 0, ratio, detail);

    // The worst ratio |a − e| / (atol + rtol·|e|) and, when some element exceeds its tolerance, the first such element.
    private static (double Ratio, string Detail) CompareValues(Tensor expected, Tensor actual, double rtol, double atol)
    {
        if (expected.Shape != actual.Shape || expected.DType != actual.DType)
        {
            return (double.PositiveInfinity, $"expected {expected.DType} {expected.Shape}, got {actual.DType} {actual.Shape}");
        }
        var e = Values(expected);
        var a = Values(actual);
        var worst = 0.0;
        for (var i = 0; i < e.Length; i++)
        {
            if (e[i] == a[i] || (double.IsNaN(e[i]) && double.IsNaN(a[i])))
            {
                continue;
            }
            var ratio = Math.Abs(a[i] - e[i]) / (atol + rtol * Math.Abs(e[i]));
            if (!(ratio <= 1))
            {
                return (double.PositiveInfinity, string.Create(CultureInfo.InvariantCulture,
                    $"element {i} of shape {expected.Shape}: expected {e[i]:R}, got {a[i]:R} (rtol {rtol}, atol {atol})"));
            }
            worst = Math.Max(worst, ratio);
        }
        return (worst, "");
    }

    private static (double Ratio, string Detail) CompareBits(Tensor expected, Tensor actual)
    {
        if (expected.Shape != actual.Shape || expected.DType != actual.DType)
        {
            return (double.PositiveInfinity, $"expected {expected.DType} {expected.Shape}, got {actual.DType} {actual.Shape}");
        }
        var e = Bits(expected);
        var a = Bits(actual);
        for (var i = 0; i < e.Length; i++)
        {
            if (e[i] != a[i])
            {
                return (double.PositiveInfinity, string.Create(CultureInfo.InvariantCulture,
                    $"element {i} of shape {expected.Shape}: bits 0x{a[i]:x} differ from the CPU's 0x{e[i]:x} (expected bit for bit)"));
            }
        }
        return (0, "");
    }

    /// <summary>The values of any tensor as doubles, row-major.</summary>
    private static double[] Values(Tensor t) => t.DType switch
    {
        DType.Float32 => Array.ConvertAll(t.ToArray<float>(), v => (double)v),
        DType.Float64 => t.ToArray<double>(),
        _ => Array.ConvertAll(t.ToArray<int>(), v => (double)v),
    };

    private static long[] Bits(Tensor t) => t.DType switch
    {
        DType.Float32 => Array.ConvertAll(t.ToArray<float>(), v => (long)BitConverter.SingleToInt32Bits(v)),
        DType.Float64 => Array.ConvertAll(t.ToArray<double>(), BitConverter.DoubleToInt64Bits),
        _ => Array.ConvertAll(t.ToArray<int>(), v => (long)v),
    };
}
