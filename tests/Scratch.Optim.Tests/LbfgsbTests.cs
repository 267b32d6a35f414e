namespace Scratch.Optim.Tests;

public class LbfgsbTests
{
    private static readonly LbfgsbOptions Tight = new() { ProjectedGradientTolerance = 1e-9, RelativeReductionFactor = 0 };

    [Fact]
    public void Minimize_Rosenbrock2_ConvergesWithTheReferenceCounts()
    {
        var r = Lbfgsb.Minimize(TestProblems.Rosenbrock, [-1.2, 1.0]);
        Assert.Equal(LbfgsbStopReason.RelativeReductionBelowTolerance, r.StopReason);
        Assert.Equal(1.0, r.X[0], 4);
        Assert.Equal(1.0, r.X[1], 4);
        Assert.True(r.Value < 1e-10);
        // SciPy 1.10.1 (L-BFGS-B 3.0 Fortran) on the same problem: nit = 36, nfev = 44.
        Assert.Equal(36, r.Iterations);
        Assert.Equal(44, r.Evaluations);
        Assert.Empty(r.AtLower);
        Assert.Empty(r.AtUpper);
    }

    [Fact]
    public void Minimize_RosenbrockWithActiveUpperBound_StopsOnTheBound()
    {
        // min over x₁ ≤ 0.5: x* = (0.5, 0.25), ∂f/∂x₁ = −1 < 0 pushes against the bound.
        var bounds = new BoxBounds([-2, -2], [0.5, 2]);
        var r = Lbfgsb.Minimize(TestProblems.Rosenbrock, [-1.2, 1.0], bounds, Tight);
        Assert.True(TestProblems.IsExpectedSolution(r, TestProblems.Rosenbrock, bounds, [0.5, 0.25], 1e-9, 1e-8, [], [0]));
        Assert.Equal(LbfgsbStopReason.ProjectedGradientBelowTolerance, r.StopReason);
        Assert.Equal(0.25, r.Value, 12);
        Assert.Equal(ActiveBound.Upper, r.ActiveBounds[0]);
    }

    [Fact]
    public void Minimize_ExtendedRosenbrockUnbounded_ReachesOnes()
    {
        var x0 = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        var r = Lbfgsb.Minimize(TestProblems.Rosenbrock, x0, null, Tight with { MaxIterations = 500 });
        Assert.Equal(LbfgsbStopReason.ProjectedGradientBelowTolerance, r.StopReason);
        Assert.All(r.X.ToArray(), v => Assert.Equal(1.0, v, 7));
        Assert.True(TestProblems.SatisfiesKkt(TestProblems.Rosenbrock, r.X, BoxBounds.Unbounded(10), 1e-8));
    }

    [Fact]
    public void Minimize_Driver1Problem_SatisfiesKktLikeTheReference()
    {
        int n = 25;
        var bounds = TestProblems.Driver1Bounds(n);
        var x0 = Enumerable.Repeat(3.0, n).ToArray();
        var r = Lbfgsb.Minimize(TestProblems.Driver1, x0, bounds, new LbfgsbOptions { HistorySize = 5 });
        Assert.Equal(LbfgsbStopReason.RelativeReductionBelowTolerance, r.StopReason);
        // The reference (SciPy 1.10.1) stops after 23 iterations / 28 evaluations at f = 1.08349e-9.
        Assert.InRange(r.Iterations, 21, 25);
        Assert.InRange(r.Evaluations, 26, 30);
        Assert.True(r.Value < 1e-8, $"f = {r.Value}");
        // Independently verifiable: the first-order conditions (to the accuracy factr allows),
        // feasibility, and the active set: every odd variable is just above its bound 1 and
        // nothing is on a bound (the exact minimiser x = 1 has zero multipliers).
        Assert.True(TestProblems.SatisfiesKkt(TestProblems.Driver1, r.X, bounds, 1e-3));
        Assert.Empty(r.AtLower);
        Assert.Empty(r.AtUpper);
        Assert.InRange(r.X[0], 1.0, 1.0 + 1e-4);
        // Tighter tolerances drive f further towards its minimum 0.
        var tight = Lbfgsb.Minimize(TestProblems.Driver1, x0, bounds, Tight with { HistorySize = 5, MaxIterations = 2000 });
        Assert.True(tight.Converged);
        Assert.True(tight.Value < 1e-12, $"f = {tight.Value}");
        Assert.True(TestProblems.SatisfiesKkt(TestProblems.Driver1, tight.X, bounds, 1e-8));
    }

    // Condition number, n, pgtol. Ill-conditioned diagonal quadratics are hard for L-BFGS
    // (SciPy's L-BFGS-B needs 657 iterations at 1e6 and stalls at ‖pg‖ ≈ 1e-3), so the
    // tolerance is relaxed as the conditioning worsens; the solution check scales with it.
    public static TheoryData<double, int, double> Conditioning => new()
    {
        { 1.0, 30, 1e-10 },
        { 1e3, 30, 1e-7 },
        { 1e5, 30, 1e-4 },
    };

    [Theory]
    [MemberData(nameof(Conditioning))]
    public void Minimize_DiagonalQuadratic_IsClampOfUnconstrainedMinimiser(double condition, int n, double tol)
    {
        // f = ½ Σ a_i (x_i − c_i)², a_i log-spaced over [1, condition]; minimiser clamp(c, l, u).
        var a = Enumerable.Range(0, n).Select(i => Math.Pow(condition, i / (n - 1.0))).ToArray();
        var c = Enumerable.Range(0, n).Select(i => 3.0 * Math.Sin(1.7 * i)).ToArray();
        var lower = Enumerable.Range(0, n).Select(i => i % 5 == 4 ? double.NegativeInfinity : -1.0).ToArray();
        var upper = Enumerable.Range(0, n).Select(i => i % 7 == 6 ? double.PositiveInfinity : 1.5).ToArray();
        var bounds = new BoxBounds(lower, upper);
        var expected = c.Select((v, i) => Math.Clamp(v, lower[i], upper[i])).ToArray();
        var atLower = Enumerable.Range(0, n).Where(i => c[i] < lower[i]).ToList();
        var atUpper = Enumerable.Range(0, n).Where(i => c[i] > upper[i]).ToList();
        Assert.NotEmpty(atLower);
        Assert.NotEmpty(atUpper);
        var f = TestProblems.DiagonalQuadratic(a, c, expected);
        var r = Lbfgsb.Minimize(f, new double[n], bounds, Tight with { ProjectedGradientTolerance = tol, MaxIterations = 5000 });
        Assert.True(r.Value >= -1e-12 && r.Value < 1e-6, $"f − f* = {r.Value}");
        Assert.Equal(LbfgsbStopReason.ProjectedGradientBelowTolerance, r.StopReason);
        Assert.True(TestProblems.IsExpectedSolution(r, f, bounds, expected, tol, tol, atLower, atUpper));
    }

    [Fact]
    public void Minimize_NonDiagonalQuadratic_MatchesProjectedGaussSeidelAndKkt()
    {
        // f = ½xᵀQx − bᵀx, Q = tridiag(−1, 2.2, −1) + 0.1·(rank one), box [−0.5, 0.5].
        int n = 40;
        var q = new double[n * n];
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            q[i * n + i] = 2.2;
            if (i > 0)
            {
                q[i * n + i - 1] = q[(i - 1) * n + i] = -1;
            }
            b[i] = 2 * Math.Sin(0.7 * i) + 0.3;
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                q[i * n + j] += 0.1 * Math.Cos(i) * Math.Cos(j);
            }
        }
        var bounds = BoxBounds.Uniform(n, -0.5, 0.5);
        var f = TestProblems.DenseQuadratic(q, b);
        // pgtol 1e-7: SciPy reaches 4e-8 after 11 iterations, then both stall at rounding level.
        var r = Lbfgsb.Minimize(f, new double[n], bounds, Tight with { ProjectedGradientTolerance = 1e-7 });
        Assert.Equal(LbfgsbStopReason.ProjectedGradientBelowTolerance, r.StopReason);
        Assert.InRange(r.Iterations, 10, 12);
        Assert.True(TestProblems.SatisfiesKkt(f, r.X, bounds, 1e-7));
        // Independent answer: projected Gauss–Seidel converges to the unique box minimiser.
        var x = new double[n];
        for (int sweep = 0; sweep < 5000; sweep++)
        {
            for (int i = 0; i < n; i++)
            {
                double rest = b[i];
                for (int j = 0; j < n; j++)
                {
                    rest -= j == i ? 0 : q[i * n + j] * x[j];
                }
                x[i] = Math.Clamp(rest / q[i * n + i], -0.5, 0.5);
            }
        }
        var atLower = Enumerable.Range(0, n).Where(i => x[i] == -0.5).ToList();
        var atUpper = Enumerable.Range(0, n).Where(i => x[i] == 0.5).ToList();
        Assert.True(atLower.Count + atUpper.Count >= 5, "the test needs several active bounds");
        Assert.True(TestProblems.IsExpectedSolution(r, f, bounds, x, 1e-6, 1e-7, atLower, atUpper));
    }

    [Fact]
    public void Minimize_StartIsOptimal_ZeroIterations()
    {
        double[] a = [1, 2, 3], c = [-3, 0.25, 4];
        var bounds = BoxBounds.Uniform(3, -1, 1);
        var r = Lbfgsb.Minimize(TestProblems.DiagonalQuadratic(a, c), [-1, 0.25, 1], bounds);
        Assert.Equal(LbfgsbStopReason.ProjectedGradientBelowTolerance, r.StopReason);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(1, r.Evaluations);
        Assert.Equal([-1, 0.25, 1], r.X.ToArray());
        Assert.Equal([0], r.AtLower);
        Assert.Equal([2], r.AtUpper);
    }

    [Fact]
    public void Minimize_FixedVariables_StayFixedAndOthersAreSolved()
    {
        double[] a = [1, 2, 3, 4, 5, 6], c = [2, -2, 0.5, 3, -0.25, 1];
        double[] lower = [0.7, 0.7, -1, -5, -1, -1], upper = [0.7, 0.7, 1, 5, 1, 1];
        var bounds = new BoxBounds(lower, upper);
        var f = TestProblems.DiagonalQuadratic(a, c);
        var r = Lbfgsb.Minimize(f, [3, 3, 3, 3, 3, 3], bounds, Tight);
        Assert.Equal(LbfgsbStopReason.ProjectedGradientBelowTolerance, r.StopReason);
        Assert.True(TestProblems.IsExpectedSolution(r, f, bounds, [0.7, 0.7, 0.5, 3, -0.25, 1], 1e-9, 1e-8, [0, 1], [0, 1, 5]));
        Assert.Equal(ActiveBound.Fixed, r.ActiveBounds[0]);
        Assert.Equal(ActiveBound.Fixed, r.ActiveBounds[1]);
        Assert.Equal(0.7, r.X[0]);
    }

    [Fact]
    public void Minimize_StartOutsideTheBox_IsProjectedAndNeverLeavesIt()
    {
        double[] a = [1, 1, 1], c = [0.5, -3, 3];
        var bounds = new BoxBounds([0, -1, double.NegativeInfinity], [1, double.PositiveInfinity, 2]);
        var inner = TestProblems.DiagonalQuadratic(a, c);
        bool outside = false;
        double[]? first = null;
        ValueAndGradient f = (x, g) =>
        {
            first ??= x.ToArray();
            outside |= x[0] < 0 || x[0] > 1 || x[1] < -1 || x[2] > 2;
            return inner(x, g);
        };
        var r = Lbfgsb.Minimize(f, [10, -10, 10], bounds, Tight);
        Assert.NotNull(first);
        Assert.Equal([1.0, -1.0, 2.0], first!);
        Assert.False(outside);
        Assert.True(TestProblems.IsExpectedSolution(r, inner, bounds, [0.5, -1, 2], 1e-9, 1e-8, [1], [2]));
    }

    [Fact]
    public void Minimize_Separable10000_IsClampOfMinimisers()
    {
        // f = Σ cosh(x_i − c_i) − 1, minimiser c_i, box [−1, 1]: solution clamp(c).
        int n = 10_000;
        var c = Enumerable.Range(0, n).Select(i => 2.0 * Math.Sin(0.37 * i)).ToArray();
        ValueAndGradient f = (x, g) =>
        {
            double v = 0;
            for (int i = 0; i < x.Length; i++)
            {
                v += Math.Cosh(x[i] - c[i]) - 1;
                g[i] = Math.Sinh(x[i] - c[i]);
            }
            return v;
        };
        var bounds = BoxBounds.Uniform(n, -1, 1);
        var r = Lbfgsb.Minimize(f, new double[n], bounds, Tight with { ProjectedGradientTolerance = 1e-8 });
        var expected = c.Select(v => Math.Clamp(v, -1, 1)).ToArray();
        var atLower = Enumerable.Range(0, n).Where(i => c[i] < -1).ToList();
        var atUpper = Enumerable.Range(0, n).Where(i => c[i] > 1).ToList();
        Assert.Equal(LbfgsbStopReason.ProjectedGradientBelowTolerance, r.StopReason);
        Assert.True(TestProblems.IsExpectedSolution(r, f, bounds, expected, 1e-8, 1e-8, atLower, atUpper));
    }

    [Fact]
    public void Lbfgs_Unbounded_IsTheSameRunAsLbfgsbWithoutBounds()
    {
        var x0 = Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        var a = Lbfgs.Minimize(TestProblems.Rosenbrock, x0);
        var b = Lbfgsb.Minimize(TestProblems.Rosenbrock, x0, BoxBounds.Unbounded(6));
        Assert.True(a.Converged);
        Assert.Equal(b.X.ToArray(), a.X.ToArray());
        Assert.Equal(b.Evaluations, a.Evaluations);
        Assert.All(a.X.ToArray(), v => Assert.Equal(1.0, v, 3));
    }

    [Fact]
    public void Minimize_SameInputsTwice_BitwiseSameResult()
    {
        int n = 300;
        var x0 = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        var bounds = BoxBounds.Uniform(n, -1, 0.9);
        var a = Lbfgsb.Minimize(TestProblems.Rosenbrock, x0, bounds);
        var b = Lbfgsb.Minimize(TestProblems.Rosenbrock, x0, bounds);
        Assert.Equal(a.X.ToArray(), b.X.ToArray());
        Assert.Equal(a.Value, b.Value);
        Assert.Equal(a.Iterations, b.Iterations);
        Assert.Equal(a.Evaluations, b.Evaluations);
    }
}
