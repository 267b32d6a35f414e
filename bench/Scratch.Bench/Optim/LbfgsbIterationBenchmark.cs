using BenchmarkDotNet.Attributes;
using Scratch.Optim;

namespace Scratch.Bench.Optim;

/// <summary>
/// The overhead of one L-BFGS-B iteration at n = 10⁶, m = 10 on a cheap separable quadratic,
/// next to the cost of the objective itself and of plain passes over n-vectors.
/// Run: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*LbfgsbIteration*' --job short</c>.
/// </summary>
/// <remarks>
/// Each Iteration_* invocation advances one long-running solver by exactly one accepted
/// iterate (usually one evaluation: the unit step is accepted); the problem is ill-conditioned
/// enough not to converge during the run, and a finished solver is replaced. Iteration overhead
/// = Iteration_* − (evaluations per iteration) × Objective.
/// </remarks>
[MemoryDiagnoser]
public class LbfgsbIterationBenchmark
{
    private const int N = 1_000_000;
    private const int M = 10;
    private double[] _a = [];
    private double[] _c = [];
    private double[] _x = [];
    private double[] _g = [];
    private double[][] _vectors = [];
    private LbfgsbSolver? _unbounded;
    private LbfgsbSolver? _bounded;
    private BoxBounds? _box;

    private static readonly LbfgsbOptions Options = new()
    {
        HistorySize = M,
        ProjectedGradientTolerance = 0,
        RelativeReductionFactor = 0,
        MaxIterations = int.MaxValue,
        MaxEvaluations = int.MaxValue,
    };

    [GlobalSetup]
    public void Setup()
    {
        _a = new double[N];
        _c = new double[N];
        for (int i = 0; i < N; i++)
        {
            // curvatures spread over [1, 10⁴] so that the run does not converge
            _a[i] = 1 + 1e4 * ((i * 0.6180339887) % 1.0);
            _c[i] = 2 * Math.Sin(i);
        }
        _x = new double[N];
        _g = new double[N];
        _box = BoxBounds.Uniform(N, -1, 1);
        _vectors = new double[24][];
        for (int k = 0; k < _vectors.Length; k++)
        {
            _vectors[k] = new double[N];
            Array.Fill(_vectors[k], 1.0 + k);
        }
        _unbounded = Warm(null);
        _bounded = Warm(_box);
    }

    /// <summary>Prints evaluations per iteration, needed to subtract the objective's cost.</summary>
    [GlobalCleanup]
    public void Report()
    {
        foreach (var (name, s) in new[] { ("unbounded", _unbounded!), ("bounded", _bounded!) })
        {
            Console.WriteLine($"// {name}: {s.Iterations} iterations, {s.Evaluations} evaluations, {(double)s.Evaluations / s.Iterations:F3} per iteration");
        }
    }

    private double Objective(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = x[i] - _c[i];
            f += 0.5 * _a[i] * r * r;
            g[i] = _a[i] * r;
        }
        return f;
    }

    // A solver past its first m iterations, so the memory is full.
    private LbfgsbSolver Warm(BoxBounds? bounds)
    {
        var solver = new LbfgsbSolver(new double[N], bounds, Options);
        while (solver.Iterations < M + 2)
        {
            Step(solver);
        }
        return solver;
    }

    private void Step(LbfgsbSolver solver)
    {
        int start = solver.Iterations;
        while (solver.Ask() == LbfgsbRequest.Evaluate && solver.Iterations == start)
        {
            double f = Objective(solver.Point, _g);
            solver.Tell(f, _g);
        }
    }

    // As Step, with the gradient written into the solver's own array (as Lbfgsb.Minimize does): Tell copies nothing.
    private void StepInPlace(LbfgsbSolver solver)
    {
        int start = solver.Iterations;
        while (solver.Ask() == LbfgsbRequest.Evaluate && solver.Iterations == start)
        {
            Span<double> g = solver.GradientBuffer;
            double f = Objective(solver.Point, g);
            solver.Tell(f, g);
        }
    }

    /// <summary>One accepted iterate of an unbounded problem (objective evaluations included).</summary>
    [Benchmark]
    public int Iteration_Unbounded()
    {
        if (_unbounded!.IsDone)
        {
            _unbounded = Warm(null);
        }
        Step(_unbounded);
        return _unbounded.Evaluations;
    }

    /// <summary>One accepted iterate with every variable in [−1, 1] (about 40% end up at a bound).</summary>
    [Benchmark]
    public int Iteration_Bounded()
    {
        if (_bounded!.IsDone)
        {
            _bounded = Warm(_box);
        }
        Step(_bounded);
        return _bounded.Evaluations;
    }

    /// <summary>As <see cref="Iteration_Unbounded"/>, the gradient written into <see cref="LbfgsbSolver.GradientBuffer"/>.</summary>
    [Benchmark]
    public int Iteration_Unbounded_InPlace()
    {
        if (_unbounded!.IsDone)
        {
            _unbounded = Warm(null);
        }
        StepInPlace(_unbounded);
        return _unbounded.Evaluations;
    }

    /// <summary>As <see cref="Iteration_Bounded"/>, the gradient written into <see cref="LbfgsbSolver.GradientBuffer"/>.</summary>
    [Benchmark]
    public int Iteration_Bounded_InPlace()
    {
        if (_bounded!.IsDone)
        {
            _bounded = Warm(_box);
        }
        StepInPlace(_bounded);
        return _bounded.Evaluations;
    }

    /// <summary>One evaluation of the separable quadratic (reads x, a, c; writes g).</summary>
    [Benchmark]
    public double Objective() => Objective(_x, _g);

    /// <summary>One pass over two n-vectors (a dot product).</summary>
    [Benchmark(Baseline = true)]
    public double Pass_2Vectors() => VectorOps.Dot(_vectors[0], _vectors[1]);

    /// <summary>One pass over 24 n-vectors ("a few dozen"), one dot product each against a fixed vector.</summary>
    [Benchmark]
    public double Pass_24Vectors()
    {
        Span<double> result = stackalloc double[24];
        VectorOps.DotBlock(_vectors, [_x], result);
        return result[23];
    }
}
