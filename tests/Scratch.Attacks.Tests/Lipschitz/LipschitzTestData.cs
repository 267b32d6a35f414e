namespace Scratch.Attacks.Tests.Lipschitz;

/// <summary>Matrices and weights with norms known in closed form, and seeded random ones, for the Lipschitz tests.</summary>
internal static class LipschitzTestData
{
    /// <summary>Seeded N(0, 1) values.</summary>
    public static double[] Gaussian(int count, ulong seed) => Tensor.Randn([count], new Generator(seed), DType.Float64).ToArray<double>();

    /// <summary>The n×n Householder reflection I − 2vvᵀ/‖v‖² for a seeded v: orthogonal and symmetric, every singular value 1.</summary>
    public static double[] Householder(int n, ulong seed)
    {
        var v = Gaussian(n, seed);
        var vv = v.Sum(x => x * x);
        var h = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                h[i * n + j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;
            }
        }
        return h;
    }

    /// <summary>The row-major product of an (r×k) and a (k×c) matrix.</summary>
    public static double[] Multiply(double[] a, double[] b, int r, int k, int c)
    {
        var y = new double[r * c];
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                for (var t = 0; t < k; t++)
                {
                    y[i * c + j] += a[i * k + t] * b[t * c + j];
                }
            }
        }
        return y;
    }

    /// <summary>‖x‖₂.</summary>
    public static double Norm(IEnumerable<double> x) => Math.Sqrt(x.Sum(v => v * v));

    /// <summary>σ_max of a real 2×2 matrix [a b; c d]: σ² = (‖A‖_F² + √(‖A‖_F⁴ − 4·det²)) / 2.</summary>
    public static double TwoByTwoNorm(double a, double b, double c, double d)
    {
        var f = a * a + b * b + c * c + d * d;
        var det = a * d - b * c;
        return Math.Sqrt((f + Math.Sqrt(f * f - 4 * det * det)) / 2);
    }
}
