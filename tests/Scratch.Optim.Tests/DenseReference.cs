namespace Scratch.Optim.Tests;

/// <summary>Independent dense-matrix versions of the L-BFGS-B building blocks, for small n.</summary>
internal static class DenseReference
{
    /// <summary>Deterministic pseudo-random pairs (s, y = A s with A SPD), so sᵀy &gt; 0.</summary>
    public static (double[][] S, double[][] Y) Pairs(int n, int count, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = (i == j ? n : 0) + 0.3 * (rng.NextDouble() - 0.5);
            }
        }
        // Symmetrise: A = (A + Aᵀ)/2, diagonally dominant hence SPD.
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double v = 0.5 * (a[i * n + j] + a[j * n + i]);
                a[i * n + j] = a[j * n + i] = v;
            }
        }
        var s = new double[count][];
        var y = new double[count][];
        for (int k = 0; k < count; k++)
        {
            s[k] = new double[n];
            y[k] = new double[n];
            for (int i = 0; i < n; i++)
            {
                s[k][i] = rng.NextDouble() - 0.5;
            }
            for (int i = 0; i < n; i++)
            {
                double v = 0;
                for (int j = 0; j < n; j++)
                {
                    v += a[i * n + j] * s[k][j];
                }
                y[k][i] = v * (1 + 0.5 * k);
            }
        }
        return (s, y);
    }

    /// <summary>B from θI by the BFGS recursion over the pairs, θ = yᵀy/sᵀy of the last pair.</summary>
    public static double[] Bfgs(double[][] s, double[][] y, int n)
    {
        var last = s.Length - 1;
        double theta = last < 0 ? 1 : Dot(y[last], y[last]) / Dot(s[last], y[last]);
        var b = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            b[i * n + i] = theta;
        }
        for (int k = 0; k < s.Length; k++)
        {
            var bs = MatVec(b, s[k], n);
            double sbs = Dot(s[k], bs), sy = Dot(s[k], y[k]);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    // B ← B − B s sᵀB / sᵀBs + y yᵀ / yᵀs
                    b[i * n + j] += -bs[i] * bs[j] / sbs + y[k][i] * y[k][j] / sy;
                }
            }
        }
        return b;
    }

    public static double Dot(double[] a, double[] b)
    {
        double v = 0;
        for (int i = 0; i < a.Length; i++)
        {
            v += a[i] * b[i];
        }
        return v;
    }

    public static double[] MatVec(double[] a, double[] x, int n)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                r[i] += a[i * n + j] * x[j];
            }
        }
        return r;
    }

    /// <summary>Solves A x = b by Gaussian elimination with partial pivoting (dense, small).</summary>
    public static double[] Solve(double[] a, double[] b, int n)
    {
        var m = (double[])a.Clone();
        var x = (double[])b.Clone();
        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int i = k + 1; i < n; i++)
            {
                if (Math.Abs(m[i * n + k]) > Math.Abs(m[p * n + k]))
                {
                    p = i;
                }
            }
            for (int j = 0; j < n; j++)
            {
                (m[k * n + j], m[p * n + j]) = (m[p * n + j], m[k * n + j]);
            }
            (x[k], x[p]) = (x[p], x[k]);
            for (int i = k + 1; i < n; i++)
            {
                double f = m[i * n + k] / m[k * n + k];
                for (int j = k; j < n; j++)
                {
                    m[i * n + j] -= f * m[k * n + j];
                }
                x[i] -= f * x[k];
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double v = x[i];
            for (int j = i + 1; j < n; j++)
            {
                v -= m[i * n + j] * x[j];
            }
            x[i] = v / m[i * n + i];
        }
        return x;
    }

    /// <summary>
    /// The first local minimiser of m(z) = gᵀ(z − x) + ½(z − x)ᵀB(z − x) along P(x − t g),
    /// segment by segment with a dense B (an independent generalized Cauchy point).
    /// </summary>
    public static double[] CauchyPoint(double[] x, double[] g, double[] lower, double[] upper, double[] b)
    {
        int n = x.Length;
        var brk = new double[n];
        for (int i = 0; i < n; i++)
        {
            brk[i] = g[i] < 0 ? (x[i] - upper[i]) / g[i] : g[i] > 0 ? (x[i] - lower[i]) / g[i] : double.PositiveInfinity;
        }
        var times = brk.Where(t => t > 0 && double.IsFinite(t)).Distinct().OrderBy(t => t).ToList();
        times.Add(double.PositiveInfinity);
        var xp = (double[])x.Clone();
        double tPrev = 0;
        foreach (double tNext in times)
        {
            var d = new double[n];
            for (int i = 0; i < n; i++)
            {
                d[i] = brk[i] > tPrev ? -g[i] : 0;
            }
            var z = new double[n];
            for (int i = 0; i < n; i++)
            {
                z[i] = xp[i] - x[i];
            }
            var bd = MatVec(b, d, n);
            double f1 = Dot(g, d) + Dot(bd, z), f2 = Dot(d, bd);
            if (f1 >= 0)
            {
                return xp;
            }
            double tau = f2 > 0 ? -f1 / f2 : double.PositiveInfinity;
            if (tau < tNext - tPrev)
            {
                for (int i = 0; i < n; i++)
                {
                    xp[i] += tau * d[i];
                }
                return xp;
            }
            for (int i = 0; i < n; i++)
            {
                xp[i] = brk[i] <= tNext ? (g[i] < 0 ? upper[i] : g[i] > 0 ? lower[i] : xp[i]) : xp[i] + (tNext - tPrev) * d[i];
            }
            tPrev = tNext;
        }
        return xp;
    }
}
