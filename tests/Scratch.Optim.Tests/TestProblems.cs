namespace Scratch.Optim.Tests;

/// <summary>Objectives with known answers shared by the L-BFGS-B tests.</summary>
internal static class TestProblems
{
    /// <summary>Chained Rosenbrock: Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²; minimum 0 at (1, …, 1).</summary>
    public static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        g.Clear();
        double f = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double t = x[i + 1] - x[i] * x[i], u = 1 - x[i];
            f += 100 * t * t + u * u;
            // ∂/∂x_i = −400 x_i t − 2u,  ∂/∂x_{i+1} = 200 t
            g[i] += -400 * x[i] * t - 2 * u;
            g[i + 1] += 200 * t;
        }
        return f;
    }

    /// <summary>
    /// The test problem of driver1.f shipped with L-BFGS-B:
    /// f = 4·[¼(x₁ − 1)² + Σ_{i=2}^{n} (x_i − x_{i−1}²)²].
    /// </summary>
    public static double Driver1(ReadOnlySpan<double> x, Span<double> g)
    {
        int n = x.Length;
        double f = 0.25 * (x[0] - 1) * (x[0] - 1);
        for (int i = 1; i < n; i++)
        {
            double t = x[i] - x[i - 1] * x[i - 1];
            f += t * t;
        }
        g.Clear();
        g[0] = 2 * (x[0] - 1);
        for (int i = 1; i < n; i++)
        {
            double t = x[i] - x[i - 1] * x[i - 1];
            // ∂/∂x_i of 4t² = 8t, ∂/∂x_{i−1} = −16 x_{i−1} t
            g[i] += 8 * t;
            g[i - 1] += -16 * x[i - 1] * t;
        }
        return 4 * f;
    }

    /// <summary>driver1's bounds: odd (1-based) variables in [1, 100], even in [−100, 100].</summary>
    public static BoxBounds Driver1Bounds(int n)
    {
        var l = new double[n];
        var u = new double[n];
        for (int i = 0; i < n; i++)
        {
            l[i] = i % 2 == 0 ? 1 : -100;
            u[i] = 100;
        }
        return new BoxBounds(l, u);
    }

    /// <summary>
    /// f = ½ Σ a_i [(x_i − c_i)² − (r_i − c_i)²] with r = <paramref name="offsetAt"/> (0 if null);
    /// its box minimiser is clamp(c, l, u). Offsetting by the value at the solution, term by
    /// term, keeps f's decrease visible in floating point when large terms sit at bounds.
    /// </summary>
    public static ValueAndGradient DiagonalQuadratic(double[] a, double[] c, double[]? offsetAt = null) => (x, g) =>
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = offsetAt?[i] ?? c[i];
            // (x − c)² − (r − c)² = (x − r)(x + r − 2c)
            f += 0.5 * a[i] * (x[i] - r) * (x[i] + r - 2 * c[i]);
            g[i] = a[i] * (x[i] - c[i]);
        }
        return f;
    };

    /// <summary>f = ½ xᵀQx − bᵀx with dense Q (row-major).</summary>
    public static ValueAndGradient DenseQuadratic(double[] q, double[] b) => (x, g) =>
    {
        int n = x.Length;
        double f = 0;
        for (int i = 0; i < n; i++)
        {
            double qi = 0;
            for (int j = 0; j < n; j++)
            {
                qi += q[i * n + j] * x[j];
            }
            g[i] = qi - b[i];
            f += 0.5 * x[i] * qi - b[i] * x[i];
        }
        return f;
    };

    /// <summary>
    /// First-order (KKT) conditions for a box, checked with a freshly evaluated gradient:
    /// x feasible; g_i ≥ −tol at a lower bound, g_i ≤ tol at an upper bound, |g_i| ≤ tol when
    /// strictly inside.
    /// </summary>
    public static bool SatisfiesKkt(ValueAndGradient f, ReadOnlySpan<double> x, BoxBounds bounds, double tol)
    {
        var g = new double[x.Length];
        f(x, g);
        for (int i = 0; i < x.Length; i++)
        {
            double l = bounds.Lower[i], u = bounds.Upper[i];
            if (x[i] < l || x[i] > u || !double.IsFinite(g[i]))
            {
                return false;
            }
            bool atL = x[i] == l, atU = x[i] == u;
            bool ok = (atL && atU) || (atL ? g[i] >= -tol : atU ? g[i] <= tol : Math.Abs(g[i]) <= tol);
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The checks every solution test makes: converged, KKT, the expected point and active set.</summary>
    public static bool IsExpectedSolution(LbfgsbResult r, ValueAndGradient f, BoxBounds bounds, double[] expected,
        double pointTol, double kktTol, IReadOnlyList<int> expectedAtLower, IReadOnlyList<int> expectedAtUpper)
    {
        if (!r.Converged || !SatisfiesKkt(f, r.X, bounds, kktTol))
        {
            return false;
        }
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(r.X[i] - expected[i]) > pointTol)
            {
                return false;
            }
        }
        return r.AtLower.SequenceEqual(expectedAtLower) && r.AtUpper.SequenceEqual(expectedAtUpper);
    }
}
