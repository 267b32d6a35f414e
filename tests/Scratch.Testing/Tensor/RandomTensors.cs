namespace Scratch.Tests.Support;

/// <summary>Random test tensors in the four layouts every kernel is checked on.</summary>
public static class RandomTensors
{
    /// <summary>The layouts a test input can take.</summary>
    public enum Kind
    {
        Contiguous,
        Transposed,
        Broadcast,
        Offset,
    }

    public static readonly Kind[] AllKinds = [Kind.Contiguous, Kind.Transposed, Kind.Broadcast, Kind.Offset];

    /// <summary>A tensor of the given shape whose values are uniform in [lo, hi), laid out as <paramref name="kind"/> on <paramref name="device"/> (the view is made on the device).</summary>
    public static Tensor Make(int[] shape, Kind kind, int seed, DType dtype = DType.Float32, double lo = -2, double hi = 2, Device? device = null)
    {
        var rng = new Random(seed);
        Tensor Fill(int[] s)
        {
            var n = s.Aggregate(1, (p, d) => p * d);
            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = lo + (hi - lo) * rng.NextDouble();
            }
            return Tensor.FromArray(values, s.Length == 0 ? [] : s).Reshape(s).To(dtype).To(device ?? Device.Cpu);
        }
        switch (kind)
        {
            case Kind.Transposed when shape.Length >= 2:
                var swapped = (int[])shape.Clone();
                (swapped[^1], swapped[^2]) = (swapped[^2], swapped[^1]);
                return Fill(swapped).Transpose(-1, -2);
            case Kind.Broadcast when shape.Length >= 1:
                var narrow = (int[])shape.Clone();
                narrow[0] = 1;
                return Fill(narrow).BroadcastTo(new Shape(shape));
            case Kind.Offset when shape.Length >= 1:
                var wider = (int[])shape.Clone();
                wider[^1] += 3;
                return Fill(wider).Narrow(-1, 2, shape[^1]);
            default:
                return Fill(shape);
        }
    }
}
