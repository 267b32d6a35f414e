namespace Scratch.Optim.Tests;

/// <summary>
/// The gradient told in place (written into <see cref="LbfgsbSolver.GradientBuffer"/>) and the pair formed
/// in a unit-step trial's Tell (kept when the step is accepted, undone when it is not) leave every
/// trial point bitwise what a gradient told from separate memory gives.
/// </summary>
public class GradientBufferTests
{
    public static TheoryData<string> Cases => new() { "rosenbrock-unbounded", "rosenbrock-box", "driver1" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tell_InPlaceOrCopied_SameTrialPointsBitForBit(string name)
    {
        var (f, x0, bounds) = Problem(name);
        var copied = new LbfgsbSolver(x0, bounds, new LbfgsbOptions { HistorySize = 5 });
        var inPlace = new LbfgsbSolver(x0, bounds, new LbfgsbOptions { HistorySize = 5 });
        var gradient = new double[x0.Length];
        int rejectedUnitSteps = 0, lastIterations = 0, evaluationsThisIteration = 0;
        while (copied.Ask() == LbfgsbRequest.Evaluate)
        {
            Assert.Equal(LbfgsbRequest.Evaluate, inPlace.Ask());
            Assert.Equal(Bits(copied.Point), Bits(inPlace.Point));
            copied.Tell(f(copied.Point, gradient), gradient);
            Span<double> own = inPlace.GradientBuffer;
            inPlace.Tell(f(inPlace.Point, own), own);
            evaluationsThisIteration++;
            if (copied.Iterations != lastIterations)
            {
                // an iteration after the first whose unit step was not accepted at once
                rejectedUnitSteps += lastIterations > 0 && evaluationsThisIteration > 1 ? 1 : 0;
                lastIterations = copied.Iterations;
                evaluationsThisIteration = 0;
            }
        }
        Assert.Equal(LbfgsbRequest.Done, inPlace.Ask());
        Assert.Equal(Bits(copied.Result.X), Bits(inPlace.Result.X));
        Assert.Equal(copied.Result.Evaluations, inPlace.Result.Evaluations);
        Assert.True(rejectedUnitSteps > 0, $"{name}: no unit step was rejected, so the undo path did not run");
    }

    [Fact]
    public void Tell_SpanOverlappingGradientBufferPartly_ThrowsNamingGradient()
    {
        var solver = new LbfgsbSolver([-1.2, 1.0, -1.2, 1.0]);
        Span<double> own = solver.GradientBuffer;
        double value = TestProblems.Rosenbrock(solver.Point, own);
        var ex = Assert.Throws<ArgumentException>(() => solver.Tell(value, solver.GradientBuffer[1..]));
        Assert.Equal("gradient", ex.ParamName);
    }

    [Fact]
    public void Minimize_Rosenbrock2_ReferenceCountsWithTheGradientInPlace()
    {
        // Lbfgsb.Minimize tells the gradient in place; SciPy 1.10.1 (L-BFGS-B 3.0 Fortran): nit = 36, nfev = 44.
        var r = Lbfgsb.Minimize(TestProblems.Rosenbrock, [-1.2, 1.0]);
        Assert.Equal(36, r.Iterations);
        Assert.Equal(44, r.Evaluations);
    }

    private static (ValueAndGradient F, double[] X0, BoxBounds? Bounds) Problem(string name)
    {
        double[] rosenbrockStart = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();
        return name switch
        {
            "rosenbrock-unbounded" => (TestProblems.Rosenbrock, rosenbrockStart, null),
            "rosenbrock-box" => (TestProblems.Rosenbrock, rosenbrockStart, BoxBounds.Uniform(40, -1.0, 0.8)),
            "driver1" => (TestProblems.Driver1, Enumerable.Repeat(3.0, 25).ToArray(), TestProblems.Driver1Bounds(25)),
            _ => throw new ArgumentException($"Unknown case '{name}'.", nameof(name)),
        };
    }

    private static long[] Bits(ReadOnlySpan<double> x)
    {
        var bits = new long[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(x[i]);
        }
        return bits;
    }
}
