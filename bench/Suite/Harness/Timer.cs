using System.Diagnostics;

namespace Scratch.BenchSuite.Harness;

/// <summary>
/// The suite's timing rule, the same in bench/pytorch/suite.py: the first call timed apart, then warm-up calls
/// until <see cref="WarmupSeconds"/> has passed (at least one; none when the first call took longer), then repetitions (each at least 2 ms of calls) until the budget is spent,
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

    /// <summary>The shortest timed sample: a call shorter than this is repeated within one sample and the time divided.</summary>
    public const double MinSampleSeconds = 2e-3;

    /// <summary>
    /// Times the warm-up and repetitions of <paramref name="run"/>, whose first call (already made) took
    /// <paramref name="firstSeconds"/>: a first call longer than the warm-up is the warm-up. Each repetition is the
    /// mean of as many calls as fill <see cref="MinSampleSeconds"/>, counted from the warm-up's speed.
    /// </summary>
    public double[] Repeat(Action run, double firstSeconds)
    {
        double perCall = firstSeconds;
        if (firstSeconds < WarmupSeconds)
        {
            var clock = Stopwatch.StartNew();
            int warmups = 0;
            do
            {
                run();
                warmups++;
            }
            while (clock.Elapsed.TotalSeconds < WarmupSeconds);
            perCall = clock.Elapsed.TotalSeconds / warmups;
        }
        int calls = CallsPerSample(perCall);
        var times = new List<double>();
        var total = 0.0;
        while (times.Count < MinRepetitions || (times.Count < MaxRepetitions && total < BudgetSeconds))
        {
            var t = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
            {
                run();
            }
            var seconds = Stopwatch.GetElapsedTime(t).TotalSeconds;
            times.Add(seconds / calls);
            total += seconds;
        }
        return [.. times];
    }

    /// <summary>Calls per timed sample for a call of <paramref name="seconds"/>: enough to fill <see cref="MinSampleSeconds"/>, at least 1.</summary>
    public static int CallsPerSample(double seconds) =>
        seconds >= MinSampleSeconds || !(seconds > 0) ? 1 : (int)Math.Min(100_000, Math.Ceiling(MinSampleSeconds / seconds));

    /// <summary>Times one call.</summary>
    public static double Once(Action run)
    {
        var t = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(t).TotalSeconds;
    }
}
