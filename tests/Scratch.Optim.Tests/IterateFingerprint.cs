namespace Scratch.Optim.Tests;

/// <summary>
/// A fingerprint of a whole L-BFGS-B run: a 64-bit FNV-1a hash over the bits of every accepted iterate (f, x, ∇f,
/// ‖P(x − g) − x‖∞, the evaluation count), then the result (x, f, ∇f, iterations, evaluations, stop reason).
/// Two runs with equal fingerprints followed the same iterates bit for bit. Uses only the public API and no test
/// framework, so the same file compiles against an older Scratch.Optim to record its fingerprints
/// (see <see cref="IterateFingerprintTests"/>).
/// </summary>
internal static class IterateFingerprint
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The pinned problems, by name: unbounded, boxed, one-sided, fixed and ±0 bounds, several m and n.</summary>
    public static IReadOnlyList<(string Name, Func<ulong> Run)> Problems { get; } =
    [
        ("rosenbrock-100-unbounded", () => Run(TestProblems.Rosenbrock, Alternating(100), null, new LbfgsbOptions())),
        ("rosenbrock-300-box", () => Run(TestProblems.Rosenbrock, Alternating(300), BoxBounds.Uniform(300, -1, 0.9), new LbfgsbOptions())),
        ("driver1-25-m5", () => Run(TestProblems.Driver1, Enumerable.Repeat(3.0, 25).ToArray(), TestProblems.Driver1Bounds(25), new LbfgsbOptions { HistorySize = 5 })),
        ("rosenbrock-4099-mixed-m3", () => Run(TestProblems.Rosenbrock, Alternating(4099), MixedBounds(4099), new LbfgsbOptions { HistorySize = 3, MaxIterations = 200 })),
        ("quadratic-20003-unbounded", () => Run(SpreadQuadratic(20_003), new double[20_003], null, Long(10, 40))),
        ("quadratic-20003-box", () => Run(SpreadQuadratic(20_003), new double[20_003], BoxBounds.Uniform(20_003, -1, 1), Long(10, 40))),
        ("quadratic-20003-box-m7", () => Run(SpreadQuadratic(20_003), Alternating(20_003), BoxBounds.Uniform(20_003, -0.5, 1.5), Long(7, 60))),
    ];

    /// <summary>Minimises and returns the fingerprint of the run.</summary>
    public static ulong Run(ValueAndGradient f, double[] x0, BoxBounds? bounds, LbfgsbOptions options)
    {
        ulong hash = Offset;
        var result = Lbfgsb.Minimize(f, x0, bounds, options, (in LbfgsbProgress p) =>
        {
            hash = Add(hash, p.Iteration);
            hash = Add(hash, p.Evaluations);
            hash = Add(hash, p.Value);
            hash = Add(hash, p.ProjectedGradientNorm);
            hash = Add(hash, p.Point);
            hash = Add(hash, p.Gradient);
            return IterationDecision.Continue;
        });
        hash = Add(hash, result.X);
        hash = Add(hash, result.Value);
        hash = Add(hash, result.Gradient);
        hash = Add(hash, result.ProjectedGradientNorm);
        hash = Add(hash, result.Iterations);
        hash = Add(hash, result.Evaluations);
        return Add(hash, (int)result.StopReason);
    }

    private static ulong Add(ulong hash, ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            hash = Add(hash, v);
        }
        return hash;
    }

    private static ulong Add(ulong hash, double value) => Add(hash, (ulong)BitConverter.DoubleToInt64Bits(value));

    private static ulong Add(ulong hash, int value) => Add(hash, (ulong)(uint)value);

    private static ulong Add(ulong hash, ulong bits)
    {
        for (int b = 0; b < 8; b++)
        {
            hash = (hash ^ ((bits >> (8 * b)) & 0xFF)) * Prime;
        }
        return hash;
    }

    private static double[] Alternating(int n) => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();

    private static LbfgsbOptions Long(int m, int iterations) => new()
    {
        HistorySize = m,
        ProjectedGradientTolerance = 0,
        RelativeReductionFactor = 0,
        MaxIterations = iterations,
    };

    // f = ½ Σ a_i (x_i − c_i)², curvatures spread over [1, 10⁴] (the benchmark's problem, smaller).
    private static ValueAndGradient SpreadQuadratic(int n)
    {
        var a = new double[n];
        var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = 1 + 1e4 * ((i * 0.6180339887) % 1.0);
            c[i] = 2 * Math.Sin(i);
        }
        return (x, g) =>
        {
            double f = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double r = x[i] - c[i];
                f += 0.5 * a[i] * r * r;
                g[i] = a[i] * r;
            }
            return f;
        };
    }

    // Cycling through: lower only, upper only, a box, fixed (l = u), free, a box [−0, +0] and [0, 0.5].
    private static BoxBounds MixedBounds(int n)
    {
        var l = new double[n];
        var u = new double[n];
        for (int i = 0; i < n; i++)
        {
            (l[i], u[i]) = (i % 7) switch
            {
                0 => (-0.5, double.PositiveInfinity),
                1 => (double.NegativeInfinity, 0.8),
                2 => (-1.0, 0.95),
                3 => (0.25, 0.25),
                4 => (double.NegativeInfinity, double.PositiveInfinity),
                5 => (-0.0, 0.0),
                _ => (0.0, 0.5),
            };
        }
        return new BoxBounds(l, u);
    }
}
