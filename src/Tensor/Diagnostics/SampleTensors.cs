namespace Scratch.Diagnostics;

/// <summary>
/// Seeded random inputs for kernel checks, in each <see cref="LayoutKind"/>, built as views on the device
/// they are given (so a device kernel receives the strided, broadcast or offset view itself).
/// </summary>
public static class SampleTensors
{
    /// <summary>Every layout kind, in a fixed order.</summary>
    public static IReadOnlyList<LayoutKind> AllKinds { get; } = [LayoutKind.Contiguous, LayoutKind.Transposed, LayoutKind.Broadcast, LayoutKind.Offset];

    /// <summary>
    /// A tensor of <paramref name="shape"/> whose values are uniform in [<paramref name="lo"/>, <paramref name="hi"/>),
    /// drawn in float64 from <see cref="Random"/> seeded with <paramref name="seed"/> (the same values on every
    /// device and run), converted to <paramref name="dtype"/>, moved to <paramref name="device"/> and viewed as
    /// <paramref name="kind"/> there. Kinds that need a dimension the shape lacks (a transpose of a vector, a
    /// broadcast or offset of a scalar) give a contiguous tensor.
    /// </summary>
    public static Tensor Make(int[] shape, LayoutKind kind, int seed, DType dtype = DType.Float32, double lo = -2, double hi = 2, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var rng = new Random(seed);
        Tensor Fill(int[] s)
        {
            var n = checked(s.Aggregate(1, (p, d) => p * d));
            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = lo + (hi - lo) * rng.NextDouble();
            }
            return Tensor.FromArray(values, s.Length == 0 ? [] : s).Reshape(s).To(dtype).To(device ?? Device.Cpu);
        }
        switch (kind)
        {
            case LayoutKind.Transposed when shape.Length >= 2:
                var swapped = (int[])shape.Clone();
                (swapped[^1], swapped[^2]) = (swapped[^2], swapped[^1]);
                return Fill(swapped).Transpose(-1, -2);
            case LayoutKind.Broadcast when shape.Length >= 1:
                var narrow = (int[])shape.Clone();
                narrow[0] = 1;
                return Fill(narrow).BroadcastTo(new Shape(shape));
            case LayoutKind.Offset when shape.Length >= 1:
                var wider = (int[])shape.Clone();
                wider[^1] += 3;
                return Fill(wider).Narrow(-1, 2, shape[^1]);
            default:
                return Fill(shape);
        }
    }
}
