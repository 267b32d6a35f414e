using System.Numerics;

namespace Scratch.Attacks.Tests.Lipschitz;

public class ComplexSpectralNormTests
{
    private static double Largest(Complex[] a, int rows, int cols) =>
        ComplexSpectralNorm.Largest(a.Select(z => z.Real).ToArray(), a.Select(z => z.Imaginary).ToArray(), rows, cols);

    [Fact]
    public void Largest_Diagonal_IsTheLargestModulus()
    {
        // ‖diag(3 + 4i, 1, −2i)‖₂ = |3 + 4i| = 5
        Complex[] a = [new(3, 4), 0, 0, 0, 1, 0, 0, 0, new(0, -2)];
        Assert.Equal(5, Largest(a, 3, 3), 1e-14);
    }

    [Fact]
    public void Largest_ComplexRankOne_IsTheProductOfTheFactorNorms()
    {
        // A = u vᴴ has the single non-zero singular value ‖u‖·‖v‖.
        var g = LipschitzTestData.Gaussian(14, 22);
        var u = Enumerable.Range(0, 4).Select(i => new Complex(g[2 * i], g[2 * i + 1])).ToArray();
        var v = Enumerable.Range(0, 3).Select(i => new Complex(g[8 + 2 * i], g[9 + 2 * i])).ToArray();
        var a = new Complex[12];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                a[i * 3 + j] = u[i] * Complex.Conjugate(v[j]);
            }
        }
        var expected = Math.Sqrt(u.Sum(z => z.Magnitude * z.Magnitude) * v.Sum(z => z.Magnitude * z.Magnitude));
        Assert.Equal(expected, Largest(a, 4, 3), 1e-12);
        Assert.Equal(expected, Largest(Transpose(a, 4, 3), 3, 4), 1e-12);
    }

    [Fact]
    public void Largest_PhaseTimesOrthogonal_IsOne()
    {
        // e^{iφ}·Q is unitary for Q real orthogonal: every singular value is 1.
        var phase = Complex.FromPolarCoordinates(1, 0.7);
        var a = LipschitzTestData.Householder(5, 23).Select(x => phase * x).ToArray();
        Assert.Equal(1, Largest(a, 5, 5), 1e-13);
    }

    [Fact]
    public void Largest_ComplexTwoByTwo_MatchesTheClosedForm()
    {
        // σ₁² + σ₂² = ‖A‖_F² and σ₁σ₂ = |det A|, so σ₁² = (F + √(F² − 4|det|²)) / 2.
        Complex[] a = [new(1, 2), new(-0.5, 1), new(0.25, -3), new(2, 0.5)];
        var f = a.Sum(z => z.Magnitude * z.Magnitude);
        var det = (a[0] * a[3] - a[1] * a[2]).Magnitude;
        Assert.Equal(Math.Sqrt((f + Math.Sqrt(f * f - 4 * det * det)) / 2), Largest(a, 2, 2), 1e-13);
    }

    private static Complex[] Transpose(Complex[] a, int rows, int cols)
    {
        var t = new Complex[a.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
