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
    /// <summary>Measures r, computing in float64.</summary>
    public static PerturbationSize Of(ReadOnlySpan<double> r)
    {
        var l0 = 0;
        double squares = 0, linf = 0;
        foreach (var v in r)
        {
            if (v != 0)
            {
                l0++;
            }
            squares += v * v;
            linf = Math.Max(linf, Math.Abs(v));
        }
        return new PerturbationSize(l0, Math.Sqrt(squares), linf, r.Length == 0 ? 0 : Math.Sqrt(squares / r.Length));
    }
}
