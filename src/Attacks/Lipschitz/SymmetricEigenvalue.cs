namespace Scratch.Attacks;

// Problem: the largest eigenvalue λ_max of a small real symmetric matrix (the Gram matrices of the
// per-frequency kernel matrices in ConvolutionSpectrum.cs), accurately and quickly: a convolution layer
// needs one per frequency.
// Approach: two classical steps.
//   1. Householder tridiagonalisation [1, Algorithm 8.3.1]: A = Q T Qᵀ with T tridiagonal (diagonal d,
//      off-diagonal e) by m − 2 reflections H = I − β v vᵀ, an orthogonal similarity that keeps the
//      eigenvalues; backward stable, (4/3)m³ flops.
//   2. Bisection with Sturm counts [1, §8.4.1]: the number of negative pivots of the LDLᵀ factorisation
//      of T − xI, q₁ = d₁ − x, qᵢ = dᵢ − x − e²ᵢ₋₁/qᵢ₋₁, is the number of eigenvalues below x (Sylvester's
//      law of inertia). Starting from [max dᵢ, Gershgorin's upper end] (λ_max ≥ max dᵢ, a Rayleigh
//      quotient), halve the bracket until it is as narrow as double precision allows, and return its
//      upper end, which has every eigenvalue of T below it. A zero pivot is replaced by −pivmin, as in
//      LAPACK's dstebz [2].
// The result is λ_max to within a few units of rounding times ‖A‖.
// References:
//   [1] Golub & Van Loan 2013, "Matrix Computations", 4th ed., §8.3.1 (Householder tridiagonalisation),
//       §8.4.1 (the Sturm sequence / bisection method).
//   [2] Anderson et al. 1999, "LAPACK Users' Guide", 3rd ed., SIAM (dstebz: bisection with pivmin).

/// <summary>The largest eigenvalue of a real symmetric matrix by Householder tridiagonalisation and Sturm-sequence bisection.</summary>
internal static class SymmetricEigenvalue
{
    /// <summary>λ_max of the symmetric m×m row-major matrix <paramref name="a"/> (overwritten), rounded up to the bisection bracket's upper end. Only symmetry is assumed, not checked.</summary>
    public static double Largest(double[] a, int m)
    {
        var (d, e) = Tridiagonalize(a, m);
        return LargestOfTridiagonal(d, e);
    }

    // Reduces a to T = QᵀAQ in place (only the trailing block is kept up to date); returns T's diagonal and sub-diagonal.
    private static (double[] D, double[] E) Tridiagonalize(double[] a, int m)
    {
        var e = new double[Math.Max(m - 1, 0)];
        var v = new double[m];
        var p = new double[m];
        for (var k = 0; k < m - 2; k++)
        {
            var norm = 0.0;
            for (var i = k + 1; i < m; i++)
            {
                norm += a[i * m + k] * a[i * m + k];
            }
            norm = Math.Sqrt(norm);
            if (norm == 0)
            {
                e[k] = 0;
                continue;
            }
            var x0 = a[(k + 1) * m + k];
            // α = −sgn(x₀)‖x‖, so that v₀ = x₀ − α does not cancel; H x = α e₁
            var alpha = x0 >= 0 ? -norm : norm;
            // v = x − α e₁, β = 2 / ‖v‖² with ‖v‖² = 2(‖x‖² − α x₀)
            for (var i = k + 1; i < m; i++)
            {
                v[i] = a[i * m + k];
            }
            v[k + 1] -= alpha;
            var beta = 1 / (norm * norm - alpha * x0);
            // p = β A₂₂ v
            var vp = 0.0;
            for (var i = k + 1; i < m; i++)
            {
                var sum = 0.0;
                for (var j = k + 1; j < m; j++)
                {
                    sum += a[i * m + j] * v[j];
                }
                p[i] = beta * sum;
                vp += v[i] * p[i];
            }
            // w = p − (β vᵀp / 2) v, stored over p
            var half = beta * vp / 2;
            for (var i = k + 1; i < m; i++)
            {
                p[i] -= half * v[i];
            }
            // A₂₂ ← H A₂₂ H = A₂₂ − v wᵀ − w vᵀ
            for (var i = k + 1; i < m; i++)
            {
                for (var j = k + 1; j < m; j++)
                {
                    a[i * m + j] -= v[i] * p[j] + p[i] * v[j];
                }
            }
            e[k] = alpha;
        }
        if (m >= 2)
        {
            e[m - 2] = a[(m - 1) * m + m - 2];
        }
        var d = new double[m];
        for (var i = 0; i < m; i++)
        {
            d[i] = a[i * m + i];
        }
        return (d, e);
    }

    private static double LargestOfTridiagonal(double[] d, double[] e)
    {
        var m = d.Length;
        if (Array.TrueForAll(e, x => x == 0))
        {
            // T is diagonal: its eigenvalues are its entries.
            return d.Max();
        }
        var e2 = Array.ConvertAll(e, x => x * x);
        // LAPACK's pivmin: the smallest pivot magnitude allowed, safe-minimum·max(1, max e²ᵢ).
        var pivmin = double.Epsilon * (1L << 52) * Math.Max(1, e2.Max());
        // λ_max ≥ max dᵢ (a Rayleigh quotient); λ_max ≤ maxᵢ (dᵢ + |eᵢ₋₁| + |eᵢ|) (Gershgorin)
        var low = d.Max();
        var high = double.NegativeInfinity;
        for (var i = 0; i < m; i++)
        {
            high = Math.Max(high, d[i] + (i > 0 ? Math.Abs(e[i - 1]) : 0) + (i < m - 1 ? Math.Abs(e[i]) : 0));
        }
        high += 4 * double.Epsilon * (1L << 52) + 4e-16 * Math.Abs(high);
        while (CountBelow(d, e2, high, pivmin) < m)
        {
            high += Math.Max(Math.Abs(high), 1e-300);
        }
        // Invariant: fewer than m eigenvalues below low (λ_max ≥ low), all m below high.
        while (true)
        {
            var mid = low + (high - low) / 2;
            if (mid <= low || mid >= high)
            {
                return high;
            }
            if (CountBelow(d, e2, mid, pivmin) == m)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }
    }

    // The number of eigenvalues of T below x: the negative pivots qᵢ = dᵢ − x − e²ᵢ₋₁ / qᵢ₋₁ of T − xI = LDLᵀ.
    private static int CountBelow(double[] d, double[] e2, double x, double pivmin)
    {
        var count = 0;
        var q = 1.0;
        for (var i = 0; i < d.Length; i++)
        {
            q = d[i] - x - (i > 0 ? e2[i - 1] / q : 0);
            if (Math.Abs(q) < pivmin)
            {
                q = -pivmin;
            }
            if (q < 0)
            {
                count++;
            }
        }
        return count;
    }
}
