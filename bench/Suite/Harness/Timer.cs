using System.Diagnostics;

namespace Scratch.BenchSuite.Harness;

/// <summary>
/// The suite's timing rule, the same in bench/pytorch/suite.py: the first call timed apart, then warm-up calls
/// until <see cref="WarmupSeconds"/> has passed (at least one), then repetitions until the budget is spent,
/// between <see cref="MinRepetitions"/> and <see cref="MaxRepetitions"/>.
/// </summary>
public sealed record Timer(double WarmupSeconds, double BudgetSeconds, int MinRepetitions, int MaxRepetitions)
{
    /// <summary>quick: 0.2 s of warm-up and a 1 s budget, 3–15 repetitions; full: 0.5 s, 4 s, 5–50.</summary>
    public static Timer ForMode(string mode) => mode switch
    {
        "quick" => new Timer(0.2, 1.0, 3, 15),
        "full" => new Timer(0.5, 4.0, 5, 50),
        _ => throw new ArgumentException($"mode '{mode}'; expected quick or full", nameof(mode)),
    };

    /// <summary>Times the warm-up and repetitions of <paramref name="run"/> (its first call already made).</summary>
    public double[] Repeat(Action run)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            run();
        }
        while (clock.Elapsed.TotalSeconds < WarmupSeconds);
        var times = new List<double>();
        var total = 0.0;
        while (times.Count < MinRepetitions || (times.Count < MaxRepetitions && total < BudgetSeconds))
        {
            var t = Stopwatch.GetTimestamp();
            run();
            var seconds = Stopwatch.GetElapsedTime(t).TotalSeconds;
            times.Add(seconds);
            total += seconds;
        }
        return [.. times];
    }

    /// <summary>Times one call.</summary>
    public static double Once(Action run)
    {
        var t = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(t).TotalSeconds;
    }
}
