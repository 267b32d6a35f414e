namespace Scratch.Attacks;

/// <summary>
/// The size of one perturbation r = x′ − x: its L0, L2 and L∞ norms and Szegedy's distortion
/// √(Σᵢ rᵢ² / n), the per-pixel RMS (Szegedy et al. 2014, Table 1: ‖r‖₂ / 28 on MNIST).
/// </summary>
/// <param name="L0">The number of elements changed.</param>
/// <param name="L2">‖r‖₂.</param>
/// <param name="Linf">‖r‖∞.</param>
/// <param name="Distortion">√(Σᵢ rᵢ² / n), n the number of elements of one example.</param>
public readonly record struct PerturbationSize(int L0, double L2, double Linf, double Distortion)
{
    /// <summary>
    /// Measures r, computing in float64. The sum of squares runs as four interleaved sums (element i goes to sum
    /// i mod 4), added pairwise at the end: four independent chains instead of one, in the same order on every machine.
    /// </summary>
    public static PerturbationSize Of(ReadOnlySpan<double> r)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        int zeros = 0, i = 0;
        for (; i + 4 <= r.Length; i += 4)
        {
            double a = r[i], b = r[i + 1], c = r[i + 2], d = r[i + 3];
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
            m0 = Math.Max(m0, Math.Abs(a));
            m1 = Math.Max(m1, Math.Abs(b));
            m2 = Math.Max(m2, Math.Abs(c));
            m3 = Math.Max(m3, Math.Abs(d));
            zeros += (a == 0 ? 1 : 0) + (b == 0 ? 1 : 0) + (c == 0 ? 1 : 0) + (d == 0 ? 1 : 0);
        }
        for (; i < r.Length; i++)
        {
            s0 += r[i] * r[i];
            m0 = Math.Max(m0, Math.Abs(r[i]));
            zeros += r[i] == 0 ? 1 : 0;
        }
        double squares = (s0 + s1) + (s2 + s3), linf = Math.Max(Math.Max(m0, m1), Math.Max(m2, m3));
        return new PerturbationSize(r.Length - zeros, Math.Sqrt(squares), linf, r.Length == 0 ? 0 : Math.Sqrt(squares / r.Length));
    }
}
