namespace Scratch.Optim.Tests;

public class CauchyPointTests
{
    private static (double[] Xcp, double[] C, sbyte[] Status) Run(double[] x, double[] g, BoxBounds bounds, CompactBfgsMatrix bfgs)
    {
        int n = x.Length;
        var status = new sbyte[n];
        VariableStatus.Initialize(bounds, status);
        var xcp = new double[n];
        var c = new double[2 * bfgs.Count];
        new CauchyPoint(n, 5).Compute(x, g, bounds, bfgs, status, xcp, c, default);
        return (xcp, c, status);
    }

    [Fact]
    public void Compute_WithoutPairs_IsProjectedSteepestDescentStep()
    {
        // B = I: the model is separable and its first minimiser along the path is P(x − g).
        double[] x = [0.5, 0.0, -1.0, 2.0, 0.3];
        double[] g = [2.0, -0.25, 0.5, -3.0, 0.0];
        var bounds = new BoxBounds([0, -1, -1, double.NegativeInfinity, 0], [1, 1, double.PositiveInfinity, 3, 1]);
        var (xcp, _, status) = Run(x, g, bounds, new CompactBfgsMatrix(5, 5));
        double[] expected = [0.0, 0.25, -1.0, 3.0, 0.3];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i], xcp[i], 14);
        }
        Assert.Equal(VariableStatus.AtLower, status[0]);
        Assert.Equal(VariableStatus.Free, status[1]);
        Assert.Equal(VariableStatus.AtLower, status[2]); // already at l and pushed down
        Assert.Equal(VariableStatus.AtUpper, status[3]);
        Assert.Equal(VariableStatus.ZeroGradient, status[4]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Compute_WithPairs_MatchesDenseSegmentBySegmentSearch(int seed)
    {
        int n = 8;
        var (s, y) = DenseReference.Pairs(n, 4, seed);
        var bfgs = new CompactBfgsMatrix(n, 5);
        for (int k = 0; k < 4; k++)
        {
            bfgs.Add(s[k], y[k], DenseReference.Dot(s[k], y[k]), DenseReference.Dot(y[k], y[k]));
        }
        var rng = new Random(seed);
        var lower = Enumerable.Range(0, n).Select(_ => -0.05 - 0.1 * rng.NextDouble()).ToArray();
        var upper = Enumerable.Range(0, n).Select(_ => 0.05 + 0.1 * rng.NextDouble()).ToArray();
        var x = Enumerable.Range(0, n).Select(i => lower[i] + (upper[i] - lower[i]) * rng.NextDouble()).ToArray();
        x[0] = lower[0];
        var g = Enumerable.Range(0, n).Select(_ => 4 * (rng.NextDouble() - 0.5)).ToArray();
        var bounds = new BoxBounds(lower, upper);
        var (xcp, c, _) = Run(x, g, bounds, bfgs);
        var expected = DenseReference.CauchyPoint(x, g, lower, upper, DenseReference.Bfgs(s, y, n));
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(expected[i] - xcp[i]) <= 1e-12, $"x^c[{i}]: {expected[i]} vs {xcp[i]}");
        }
        // c = Wᵀ(x^c − x)
        var wt = new double[8];
        bfgs.MultiplyWTranspose(xcp.Select((v, i) => v - x[i]).ToArray(), wt);
        for (int j = 0; j < 8; j++)
        {
            Assert.True(Math.Abs(wt[j] - c[j]) <= 1e-12, $"c[{j}]: {wt[j]} vs {c[j]}");
        }
    }

    [Fact]
    public void Compute_AllVariablesReachBounds_ReturnsTheCorner()
    {
        double[] x = [0.5, 0.5];
        double[] g = [-10, 10];
        var (xcp, _, status) = Run(x, g, BoxBounds.Uniform(2, 0, 1), new CompactBfgsMatrix(2, 5));
        Assert.Equal([1.0, 0.0], xcp);
        Assert.Equal([VariableStatus.AtUpper, VariableStatus.AtLower], status);
    }
}
