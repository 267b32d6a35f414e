namespace Scratch.Optim.Tests;

public class SgdTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void Step_Quadratic_ConvergesToTheMinimiser()
    {
        // f(θ) = ½ Σ aᵢ(θᵢ − cᵢ)², ∇f = a ⊙ (θ − c), minimiser θ* = c
        double[] a = [1, 4, 0.5];
        double[] c = [3, -2, 0.25];
        foreach (var (momentum, nesterov) in new[] { (0.0, false), (0.9, false), (0.9, true) })
        {
            var p = new TestParameter("theta", 0, 0, 0);
            var sgd = new Sgd([p], learningRate: 0.1, momentum: momentum, nesterov: nesterov);
            for (var k = 0; k < 500; k++)
            {
                var theta = p.Values;
                p.SetGradient(a[0] * (theta[0] - c[0]), a[1] * (theta[1] - c[1]), a[2] * (theta[2] - c[2]));
                sgd.Step();
            }
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(c[i], p.Values[i], 1e-8);
            }
        }
    }

    [Fact]
    public void Step_Plain_IsThetaMinusLrTimesGradient()
    {
        var p = new TestParameter("w", 1, -2);
        p.SetGradient(0.5, 3);
        new Sgd([p], 0.1).Step();
        // θ − ηg = (1 − 0.05, −2 − 0.3)
        Assert.Equal(0.95, p.Values[0], Tol);
        Assert.Equal(-2.3, p.Values[1], Tol);
    }

    [Fact]
    public void Step_MomentumAndWeightDecay_MatchHandComputation()
    {
        var p = new TestParameter("w", 1.0);
        var sgd = new Sgd([p], learningRate: 0.1, momentum: 0.9, weightDecay: 0.01);
        p.SetGradient(2.0);
        sgd.Step();
        // g = 2 + 0.01·1 = 2.01; v = 2.01; θ = 1 − 0.1·2.01 = 0.799
        Assert.Equal(0.799, p.Values[0], Tol);
        p.SetGradient(1.0);
        sgd.Step();
        // g = 1 + 0.01·0.799 = 1.00799; v = 0.9·2.01 + 1.00799 = 2.81699; θ = 0.799 − 0.281699 = 0.517301
        Assert.Equal(0.517301, p.Values[0], Tol);
    }

    [Fact]
    public void Step_Nesterov_MatchesHandComputation()
    {
        var p = new TestParameter("w", 1.0);
        var sgd = new Sgd([p], learningRate: 0.1, momentum: 0.9, nesterov: true);
        p.SetGradient(2.0);
        sgd.Step();
        // v = 2; d = g + μv = 2 + 1.8 = 3.8; θ = 1 − 0.38 = 0.62
        Assert.Equal(0.62, p.Values[0], Tol);
        p.SetGradient(1.0);
        sgd.Step();
        // v = 0.9·2 + 1 = 2.8; d = 1 + 0.9·2.8 = 3.52; θ = 0.62 − 0.352 = 0.268
        Assert.Equal(0.268, p.Values[0], Tol);
    }

    [Fact]
    public void Step_ParameterWithoutGradient_IsSkipped()
    {
        var p = new TestParameter("w", 1.0);
        var q = new TestParameter("frozen", 5.0);
        p.SetGradient(1.0);
        new Sgd([p, q], 0.5, momentum: 0.5).Step();
        Assert.Equal(0.5, p.Values[0], Tol);
        Assert.Equal(5.0, q.Values[0]);
    }

    [Fact]
    public void Step_Float32Parameter_StaysFloat32()
    {
        var p = new TestParameter("w") { Value = Tensor.FromArray(new float[] { 1f, 2f }) };
        p.Gradient = Tensor.FromArray(new float[] { 1f, 1f });
        new Sgd([p], 0.25, momentum: 0.9).Step();
        Assert.Equal(DType.Float32, p.Value.DType);
        Assert.Equal([0.75f, 1.75f], p.Value.ToArray<float>());
    }

    [Theory]
    [InlineData(-0.1, 0, 0, "learning rate = -0.1")]
    [InlineData(double.NaN, 0, 0, "learning rate = NaN")]
    [InlineData(0.1, 1.0, 0, "momentum = 1")]
    [InlineData(0.1, -0.5, 0, "momentum = -0.5")]
    [InlineData(0.1, 0, -1, "weight decay = -1")]
    public void Constructor_BadOption_NamesItAndItsValue(double lr, double momentum, double decay, string expected)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new Sgd([new TestParameter("w", 1)], lr, momentum, weightDecay: decay));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Constructor_NesterovWithoutMomentum_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new Sgd([new TestParameter("w", 1)], 0.1, nesterov: true));
        Assert.Contains("nesterov", e.Message);
    }

    [Fact]
    public void Constructor_EmptyOrDuplicateParameters_Throws()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new Sgd([], 0.1)).Message);
        var p = new TestParameter("w", 1);
        Assert.Contains("('w') appears twice", Assert.Throws<ArgumentException>(() => new Sgd([p, p], 0.1)).Message);
    }

    [Fact]
    public void LearningRate_SetNegative_Throws()
    {
        var sgd = new Sgd([new TestParameter("w", 1)], 0.1);
        Assert.Contains("learning rate = -1", Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1).Message);
    }
}
