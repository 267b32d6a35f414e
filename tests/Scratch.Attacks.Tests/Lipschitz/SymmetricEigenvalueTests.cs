namespace Scratch.Attacks.Tests.Lipschitz;

public class SymmetricEigenvalueTests
{
    [Fact]
    public void Largest_KnownSpectrum_IsTheLargestEigenvalue()
    {
        // A = H diag(λ) Hᵀ with H an orthogonal reflection has exactly the eigenvalues λ.
        double[] lambda = [-9, 0.5, 4, 4.25, -1, 2, 0, 3];
        const int n = 8;
        var h = LipschitzTestData.Householder(n, 21);
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            d[i * n + i] = lambda[i];
        }
        var a = LipschitzTestData.Multiply(LipschitzTestData.Multiply(h, d, n, n, n), h, n, n, n);
        var bound = SymmetricEigenvalue.Largest(a, n);
        Assert.InRange(bound, 4.25 - 1e-13, 4.25 + 1e-12);
    }

    [Fact]
    public void Largest_TwoByTwo_MatchesTheQuadraticFormula()
    {
        // λ_max([a b; b c]) = (a + c)/2 + √(((a − c)/2)² + b²)
        const double a = 1.5, b = -2.25, c = 0.75;
        var expected = (a + c) / 2 + Math.Sqrt((a - c) * (a - c) / 4 + b * b);
        Assert.Equal(expected, SymmetricEigenvalue.Largest([a, b, b, c], 2), 1e-14);
    }

    [Fact]
    public void Largest_Diagonal_IsExactlyTheLargestEntry()
    {
        Assert.Equal(3, SymmetricEigenvalue.Largest([-5, 0, 0, 0, 3, 0, 0, 0, 1], 3));
    }

    [Fact]
    public void Largest_AllNegative_IsNegative()
    {
        // −(I + 𝟙𝟙ᵀ) on ℝ³ has eigenvalues −1, −1, −4.
        double[] a = [-2, -1, -1, -1, -2, -1, -1, -1, -2];
        Assert.Equal(-1, SymmetricEigenvalue.Largest(a, 3), 1e-14);
    }

    [Fact]
    public void Largest_ClusteredTopOfALargerMatrix_IsTheLargestEigenvalue()
    {
        // Q = H₁H₂ (two reflections) and a spectrum whose top three values coincide, with a fourth 1e-9 below.
        const int n = 40;
        var lambda = Enumerable.Range(0, n).Select(i => Math.Sin(i) * 5).ToArray();
        lambda[3] = lambda[17] = lambda[29] = 7.5;
        lambda[8] = 7.5 - 1e-9;
        var q = LipschitzTestData.Multiply(LipschitzTestData.Householder(n, 24), LipschitzTestData.Householder(n, 25), n, n, n);
        var qt = new double[n * n];
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            d[i * n + i] = lambda[i];
            for (var j = 0; j < n; j++)
            {
                qt[j * n + i] = q[i * n + j];
            }
        }
        var a = LipschitzTestData.Multiply(LipschitzTestData.Multiply(q, d, n, n, n), qt, n, n, n);
        Assert.Equal(7.5, SymmetricEigenvalue.Largest(a, n), 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    public void Largest_TridiagonalOnes_IsOnePlusTwoCosPiOverNPlusOne(int n)
    {
        // The n×n tridiagonal matrix with 1 on its three diagonals has eigenvalues 1 + 2cos(jπ/(n + 1)), j = 1 … n.
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = Math.Max(0, i - 1); j <= Math.Min(n - 1, i + 1); j++)
            {
                a[i * n + j] = 1;
            }
        }
        Assert.Equal(1 + 2 * Math.Cos(Math.PI / (n + 1)), SymmetricEigenvalue.Largest(a, n), 1e-14);
    }

    [Fact]
    public void Largest_Zero_IsZero()
    {
        Assert.Equal(0, SymmetricEigenvalue.Largest(new double[16], 4));
    }
}
