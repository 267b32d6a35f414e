using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// i mod 4, the lanes of one 4-wide vector; the last n mod 4 elements to the first sum), added pairwise at the end:
    /// four independent chains instead of one, in the same order on every machine. A NaN in r makes L2 and L∞ NaN.
    /// </summary>
    public static PerturbationSize Of(ReadOnlySpan<double> r)
    {
        ref var r0 = ref MemoryMarshal.GetReference(r);
        var n = (nuint)r.Length;
        Vector256<double> squares = Vector256<double>.Zero, largest = Vector256<double>.Zero;
        var zeros = 0;
        nuint i = 0;
        for (; i + 4 <= n; i += 4)
        {
            var v = Vector256.LoadUnsafe(ref r0, i);
            squares += v * v;
            largest = Vector256.Max(largest, Vector256.Abs(v));
            zeros += BitOperations.PopCount(Vector256.Equals(v, Vector256<double>.Zero).ExtractMostSignificantBits());
        }
        double s0 = squares[0], m0 = largest[0];
        for (; i < n; i++)
        {
            var v = Unsafe.Add(ref r0, i);
            s0 += v * v;
            m0 = Math.Max(m0, Math.Abs(v));
            zeros += v == 0 ? 1 : 0;
        }
        double sum = (s0 + squares[1]) + (squares[2] + squares[3]);
        double linf = Math.Max(Math.Max(m0, largest[1]), Math.Max(largest[2], largest[3]));
        return new PerturbationSize(r.Length - zeros, Math.Sqrt(sum), linf, r.Length == 0 ? 0 : Math.Sqrt(sum / r.Length));
    }
}
