using Scratch.Optim;

namespace Scratch.BenchSuite.Cases;

/// <summary>
/// 12 iterations of L-BFGS-B (m = 10) from x = 0 on the separable quadratic Σ ½aᵢ(xᵢ − cᵢ)² at n = 10⁶ in the
/// box [−1, 1], aᵢ = 1 + 10⁴·frac(0.6180339887·i), cᵢ = 2 sin i (bench/Scratch.Bench's L-BFGS-B problem).
/// </summary>
public static class LbfgsbQuadratic
{
    private const int N = 1_000_000;
    private const int Iterations = 12;

    /// <summary>The case, ready to run; the note gives f and the evaluations after the 12 iterations.</summary>
    public static Prepared Prepare()
    {
        var a = new double[N];
        var c = new double[N];
        for (int i = 0; i < N; i++)
        {
            a[i] = 1 + 1e4 * ((i * 0.6180339887) % 1.0);
            c[i] = 2 * Math.Sin(i);
        }
        var g = new double[N];
        var bounds = BoxBounds.Uniform(N, -1, 1);
        var options = new LbfgsbOptions { HistorySize = 10, ProjectedGradientTolerance = 0, RelativeReductionFactor = 0, MaxIterations = Iterations };
        double f = 0;
        int evaluations = 0;
        return new Prepared(() =>
        {
            var solver = new LbfgsbSolver(new double[N], bounds, options);
            while (solver.Ask() == LbfgsbRequest.Evaluate)
            {
                f = Objective(solver.Point, a, c, g);
                solver.Tell(f, g);
            }
            evaluations = solver.Evaluations;
        }, null, () => $"f = {f:G6} after {Iterations} iterations, {evaluations} evaluations");
    }

    private static double Objective(ReadOnlySpan<double> x, double[] a, double[] c, double[] g)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = x[i] - c[i];
            f += 0.5 * a[i] * r * r;
            g[i] = a[i] * r;
        }
        return f;
    }
}
