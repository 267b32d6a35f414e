namespace Scratch.Optim.Tests;

public class MoreThuenteLineSearchTests
{
    private delegate (double F, double G) Phi(double alpha);

    // Moré & Thuente 1994, §5, the six test functions of their Tables 1–6.
    private static Phi Function(int k) => k switch
    {
        // φ(α) = −α / (α² + β), β = 2
        1 => a => (-a / (a * a + 2), (a * a - 2) / ((a * a + 2) * (a * a + 2))),
        // φ(α) = (α + β)⁵ − 2(α + β)⁴, β = 0.004
        2 => a =>
        {
            double t = a + 0.004;
            return (Math.Pow(t, 5) - 2 * Math.Pow(t, 4), 5 * Math.Pow(t, 4) - 8 * Math.Pow(t, 3));
        },
        // φ(α) = φ₀(α) + 2(1 − β)/(lπ) sin(lπα/2), β = 0.01, l = 39
        3 => a =>
        {
            const double beta = 0.01, l = 39;
            double f0, g0;
            if (a <= 1 - beta)
            {
                (f0, g0) = (1 - a, -1);
            }
            else if (a >= 1 + beta)
            {
                (f0, g0) = (a - 1, 1);
            }
            else
            {
                (f0, g0) = ((a - 1) * (a - 1) / (2 * beta) + beta / 2, (a - 1) / beta);
            }
            return (f0 + 2 * (1 - beta) / (l * Math.PI) * Math.Sin(l * Math.PI * a / 2),
                    g0 + (1 - beta) * Math.Cos(l * Math.PI * a / 2));
        },
        // φ(α) = γ(β₁)√((1 − α)² + β₂²) + γ(β₂)√(α² + β₁²), γ(β) = √(1 + β²) − β
        _ => a =>
        {
            (double b1, double b2) = k switch { 4 => (0.001, 0.001), 5 => (0.01, 0.001), _ => (0.001, 0.01) };
            double g1 = Math.Sqrt(1 + b1 * b1) - b1, g2 = Math.Sqrt(1 + b2 * b2) - b2;
            double r1 = Math.Sqrt((1 - a) * (1 - a) + b2 * b2), r2 = Math.Sqrt(a * a + b1 * b1);
            return (g1 * r1 + g2 * r2, g1 * (a - 1) / r1 + g2 * a / r2);
        },
    };

    private static (LineSearchStatus Status, double Alpha, int Evaluations) Search(Phi phi, double ftol, double gtol, double alpha0)
    {
        var ls = new MoreThuenteLineSearch(ftol, gtol, 1e-10);
        var (f0, g0) = phi(0);
        var status = ls.Start(f0, g0, alpha0, 0, 1e10);
        int evaluations = 0;
        while (status == LineSearchStatus.Evaluate && evaluations < 100)
        {
            var (f, g) = phi(ls.Step);
            evaluations++;
            status = ls.Next(f, g);
        }
        return (status, ls.Step, evaluations);
    }

    // Function, μ (ftol), η (gtol), α₀, and the evaluation count and α reported by Moré & Thuente (1994), Tables 1–6.
    [Theory]
    [InlineData(1, 0.001, 0.1, 1e-3, 6, 1.4)]
    [InlineData(1, 0.001, 0.1, 1e-1, 3, 1.4)]
    [InlineData(1, 0.001, 0.1, 1e+1, 1, 10)]
    [InlineData(1, 0.001, 0.1, 1e+3, 4, 37)]
    [InlineData(2, 0.1, 0.1, 1e-3, 12, 1.6)]
    [InlineData(2, 0.1, 0.1, 1e-1, 8, 1.6)]
    [InlineData(2, 0.1, 0.1, 1e+1, 8, 1.6)]
    [InlineData(2, 0.1, 0.1, 1e+3, 11, 1.6)]
    [InlineData(3, 0.1, 0.1, 1e-3, 12, 1.0)]
    [InlineData(3, 0.1, 0.1, 1e-1, 12, 1.0)]
    [InlineData(3, 0.1, 0.1, 1e+1, 10, 1.0)]
    [InlineData(3, 0.1, 0.1, 1e+3, 13, 1.0)]
    [InlineData(4, 0.001, 0.001, 1e-3, 4, 0.08)]
    [InlineData(4, 0.001, 0.001, 1e-1, 1, 0.10)]
    [InlineData(4, 0.001, 0.001, 1e+1, 3, 0.35)]
    [InlineData(4, 0.001, 0.001, 1e+3, 4, 0.83)]
    [InlineData(5, 0.001, 0.001, 1e-3, 6, 0.075)]
    [InlineData(5, 0.001, 0.001, 1e-1, 3, 0.078)]
    [InlineData(5, 0.001, 0.001, 1e+1, 7, 0.073)]
    [InlineData(5, 0.001, 0.001, 1e+3, 8, 0.076)]
    [InlineData(6, 0.001, 0.001, 1e-3, 13, 0.93)]
    [InlineData(6, 0.001, 0.001, 1e-1, 11, 0.93)]
    [InlineData(6, 0.001, 0.001, 1e+1, 8, 0.92)]
    [InlineData(6, 0.001, 0.001, 1e+3, 11, 0.92)]
    public void Search_PaperTestFunctions_SatisfiesStrongWolfe(int k, double ftol, double gtol, double alpha0, int paperEvaluations, double paperAlpha)
    {
        var phi = Function(k);
        var (status, alpha, evaluations) = Search(phi, ftol, gtol, alpha0);
        Console.WriteLine($"MT fn{k} a0={alpha0}: {status} alpha={alpha} evals={evaluations} (paper {paperEvaluations}, {paperAlpha})");
        Assert.Equal(LineSearchStatus.Converged, status);
        var (f0, g0) = phi(0);
        var (f, g) = phi(alpha);
        Assert.True(f <= f0 + ftol * alpha * g0, "sufficient decrease");
        Assert.True(Math.Abs(g) <= gtol * Math.Abs(g0), "curvature");
        Assert.True(Math.Abs(alpha - paperAlpha) <= 0.05 * paperAlpha + 0.01, $"α = {alpha}, paper {paperAlpha}");
        Assert.Equal(paperEvaluations, evaluations);
    }

    [Fact]
    public void Start_AscentDirection_IsAnError()
    {
        var ls = new MoreThuenteLineSearch(1e-3, 0.9, 0.1);
        Assert.Equal(LineSearchStatus.Error, ls.Start(0, 1.0, 1, 0, 10));
        Assert.Equal(LineSearchStatus.Error, ls.Start(0, -1.0, 11, 0, 10)); // step beyond stpmax
    }

    [Fact]
    public void ShortenAfterNonFinite_HalvesTowardsBestStepAndCapsIt()
    {
        var ls = new MoreThuenteLineSearch(1e-3, 0.9, 0.1);
        ls.Start(0, -1, 8, 0, 100);
        ls.ShortenAfterNonFinite();
        Assert.Equal(4, ls.Step);
        ls.ShortenAfterNonFinite();
        Assert.Equal(2, ls.Step);
        // φ(α) = (α − 1)² − 1: converges inside the capped range
        var status = ls.Next(0, 2);
        while (status == LineSearchStatus.Evaluate)
        {
            double a = ls.Step;
            Assert.True(a <= 2);
            status = ls.Next((a - 1) * (a - 1) - 1, 2 * (a - 1));
        }
        Assert.Equal(LineSearchStatus.Converged, status);
    }
}
