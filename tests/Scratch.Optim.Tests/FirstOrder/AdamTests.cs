namespace Scratch.Optim.Tests;

public class AdamTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void Step_First_IsLearningRateTimesSignThanksToBiasCorrection()
    {
        // t = 1: m = (1−β₁)g, v = (1−β₂)g², m̂ = g, v̂ = g², so Δθ = −α·g/(|g| + ε) ≈ −α·sign(g)
        var p = new TestParameter("w", 1.0, -1.0, 0.0);
        p.SetGradient(1e-3, -50, 0);
        new Adam([p], learningRate: 0.01).Step();
        Assert.Equal(1.0 - 0.01 * 1e-3 / (1e-3 + 1e-8), p.Values[0], Tol);
        Assert.Equal(-1.0 + 0.01 * 50 / (50 + 1e-8), p.Values[1], Tol);
        Assert.Equal(0.0, p.Values[2]);
    }

    [Fact]
    public void Step_Second_MatchesAlgorithm1ByHand()
    {
        double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.1, wd = 0.1;
        var p = new TestParameter("w", 2.0);
        var adam = new Adam([p], lr, b1, b2, eps, weightDecay: wd);
        p.SetGradient(1.0);
        adam.Step();
        // g₁ = 1 + 0.1·2 = 1.2
        var g1 = 1.2;
        var m = (1 - b1) * g1;
        var v = (1 - b2) * g1 * g1;
        var theta = 2.0 - lr * (m / (1 - b1)) / (Math.Sqrt(v / (1 - b2)) + eps);
        Assert.Equal(theta, p.Values[0], Tol);
        p.SetGradient(-3.0);
        adam.Step();
        var g2 = -3.0 + wd * theta;
        m = b1 * m + (1 - b1) * g2;
        v = b2 * v + (1 - b2) * g2 * g2;
        theta -= lr * (m / (1 - b1 * b1)) / (Math.Sqrt(v / (1 - b2 * b2)) + eps);
        Assert.Equal(theta, p.Values[0], Tol);
    }

    [Fact]
    public void Step_Quadratic_ConvergesToTheMinimiser()
    {
        // f(θ) = ½ Σ aᵢ(θᵢ − cᵢ)², minimiser c
        double[] a = [1, 10];
        double[] c = [0.5, -1.5];
        var p = new TestParameter("theta", 3, 3);
        var adam = new Adam([p], learningRate: 0.05);
        for (var k = 0; k < 2000; k++)
        {
            var theta = p.Values;
            p.SetGradient(a[0] * (theta[0] - c[0]), a[1] * (theta[1] - c[1]));
            adam.Step();
        }
        Assert.Equal(c[0], p.Values[0], 1e-3);
        Assert.Equal(c[1], p.Values[1], 1e-3);
    }

    [Fact]
    public void Step_ParameterWithoutGradient_KeepsItsOwnStepCount()
    {
        var p = new TestParameter("w", 0.0);
        var q = new TestParameter("late", 0.0);
        var adam = new Adam([p, q], learningRate: 0.1);
        p.SetGradient(1.0);
        adam.Step();
        adam.Step();
        Assert.Equal(0.0, q.Values[0]);
        // q's first step is bias-corrected as a first step: Δ = −α·g/(|g| + ε)
        q.SetGradient(2.0);
        p.Gradient = null;
        adam.Step();
        Assert.Equal(-0.1 * 2 / (2 + 1e-8), q.Values[0], Tol);
    }

    [Theory]
    [InlineData(1.0, 0.999, 1e-8, "beta1 = 1")]
    [InlineData(0.9, -0.1, 1e-8, "beta2 = -0.1")]
    [InlineData(0.9, 0.999, 0.0, "epsilon = 0")]
    public void Constructor_BadOption_NamesItAndItsValue(double b1, double b2, double eps, string expected)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new Adam([new TestParameter("w", 1)], 1e-3, b1, b2, eps));
        Assert.Contains(expected, e.Message);
    }
}
