namespace Scratch.Optim.Tests;

public class SubspaceMinimizationTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Compute_IsReducedNewtonStepFromCauchyPoint(int seed)
    {
        int n = 9;
        var (s, y) = DenseReference.Pairs(n, 3, seed);
        var bfgs = new CompactBfgsMatrix(n, 4);
        for (int k = 0; k < 3; k++)
        {
            bfgs.Add(s[k], y[k], DenseReference.Dot(s[k], y[k]), DenseReference.Dot(y[k], y[k]));
        }
        var rng = new Random(seed);
        // A tight box on the first three variables (they end up at bounds), wide elsewhere so
        // the subspace step does not hit a bound.
        var lower = Enumerable.Range(0, n).Select(i => i < 3 ? -0.01 : -100.0).ToArray();
        var upper = Enumerable.Range(0, n).Select(i => i < 3 ? 0.01 : 100.0).ToArray();
        var x = new double[n];
        var g = Enumerable.Range(0, n).Select(_ => 2 * (rng.NextDouble() - 0.5)).ToArray();
        var bounds = new BoxBounds(lower, upper);
        var status = new sbyte[n];
        VariableStatus.Initialize(bounds, status);
        var xcp = new double[n];
        var c = new double[6];
        new CauchyPoint(n, 4).Compute(x, g, bounds, bfgs, status, xcp, c, default);
        var z = new double[n];
        Assert.True(new SubspaceMinimization(n, 4).Compute(x, g, xcp, c, status, bounds, bfgs, false, z));

        // Dense: minimise m over the free variables with the others held at x^c.
        var b = DenseReference.Bfgs(s, y, n);
        var free = Enumerable.Range(0, n).Where(i => VariableStatus.IsFree(status[i])).ToArray();
        Assert.NotEmpty(free);
        var grad = DenseReference.MatVec(b, xcp.Select((v, i) => v - x[i]).ToArray(), n).Select((v, i) => v + g[i]).ToArray();
        int t = free.Length;
        var bff = new double[t * t];
        for (int p = 0; p < t; p++)
        {
            for (int q = 0; q < t; q++)
            {
                bff[p * t + q] = b[free[p] * n + free[q]];
            }
        }
        var step = DenseReference.Solve(bff, free.Select(i => -grad[i]).ToArray(), t);
        var expected = (double[])xcp.Clone();
        for (int p = 0; p < t; p++)
        {
            expected[free[p]] += step[p];
        }
        // Morales & Nocedal: the projection of the reduced Newton point if it gives descent,
        // else the largest feasible fraction of the step from x^c.
        var projected = expected.Select((v, i) => Math.Clamp(v, lower[i], upper[i])).ToArray();
        double slope = projected.Select((v, i) => (v - x[i]) * g[i]).Sum();
        if (slope > 0)
        {
            double alpha = 1;
            foreach (int i in free)
            {
                double d = expected[i] - xcp[i];
                if (d != 0)
                {
                    alpha = Math.Min(alpha, ((d > 0 ? upper[i] : lower[i]) - xcp[i]) / d);
                }
            }
            projected = xcp.Select((v, i) => v + alpha * (expected[i] - v)).ToArray();
        }
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(projected[i] - z[i]) <= 1e-10, $"x̄[{i}]: {projected[i]} vs {z[i]}");
        }
    }

    [Fact]
    public void Compute_StepLeavingTheBox_IsProjectedOrTruncatedIntoTheBox()
    {
        int n = 6;
        var (s, y) = DenseReference.Pairs(n, 2, seed: 21);
        var bfgs = new CompactBfgsMatrix(n, 3);
        for (int k = 0; k < 2; k++)
        {
            bfgs.Add(s[k], y[k], DenseReference.Dot(s[k], y[k]), DenseReference.Dot(y[k], y[k]));
        }
        var bounds = BoxBounds.Uniform(n, -0.05, 0.05);
        var x = new double[n];
        double[] g = [0.3, -0.2, 0.01, 0.02, -0.01, 0.005];
        var status = new sbyte[n];
        VariableStatus.Initialize(bounds, status);
        var xcp = new double[n];
        var c = new double[4];
        new CauchyPoint(n, 3).Compute(x, g, bounds, bfgs, status, xcp, c, default);
        var z = new double[n];
        Assert.True(new SubspaceMinimization(n, 3).Compute(x, g, xcp, c, status, bounds, bfgs, false, z));
        double slope = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.InRange(z[i], -0.05, 0.05);
            slope += (z[i] - x[i]) * g[i];
        }
        Assert.True(slope < 0, $"x̄ − x is not a descent direction (slope {slope})");
    }
}
