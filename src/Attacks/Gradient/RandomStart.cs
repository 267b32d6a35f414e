using Scratch.Backends;

namespace Scratch.Attacks;

/// <summary>
/// PGD's random start: a point drawn uniformly from the ε-ball around each example. Example i of the split draws
/// at its own position of the Philox stream (i·d onward, d the pixels per example), so a result does not depend
/// on how the examples are batched; restart k uses the seed mixed with k.
/// </summary>
internal static class RandomStart
{
    public static Tensor Draw(Tensor x, PgdOptions options, long firstIndex, int restart)
    {
        var n = x.Shape[0];
        var d = x.ElementCount / Math.Max(n, 1);
        var seed = options.Seed ^ ((ulong)restart * 0x9E3779B97F4A7C15UL);
        var r = new double[checked(n * d)];
        var offset = checked((ulong)firstIndex * (ulong)d);
        if (options.Norm == PerturbationNorm.Linf)
        {
            // rᵢ ~ U(−ε, ε) independently: uniform on the L∞ ball.
            Philox.Fill(RandomDistribution.Uniform, seed, offset, r.AsSpan());
            for (var i = 0; i < r.Length; i++)
            {
                r[i] = (2 * r[i] - 1) * options.Epsilon;
            }
        }
        else
        {
            // Uniform on the L2 ball: a Gaussian direction z/‖z‖ times the radius ε·u^(1/d).
            Philox.Fill(RandomDistribution.Normal, seed, offset, r.AsSpan());
            var radii = new double[n];
            Philox.Fill(RandomDistribution.Uniform, ~seed, (ulong)firstIndex, radii.AsSpan());
            for (var i = 0; i < n; i++)
            {
                var row = r.AsSpan(i * d, d);
                var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(row));
                var scale = norm > 0 ? options.Epsilon * Math.Pow(radii[i], 1.0 / d) / norm : 0;
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, scale, row);
            }
        }
        return x + Tensor.FromArray(r, x.Shape.ToArray()).To(x.DType).To(x.Device);
    }
}
