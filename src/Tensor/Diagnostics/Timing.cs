using System.Diagnostics;

namespace Scratch.Diagnostics;

/// <summary>
/// Stopwatch timing for the GPU check, the one place that times work outside BenchmarkDotNet (a GPU
/// machine may have no SDK to build benchmarks with): one untimed run first (allocations, caches), then
/// <c>repetitions</c> timed runs, each started and ended on an idle device, reported as median and range.
/// </summary>
public static class Timing
{
    /// <summary>Times <paramref name="run"/>; <paramref name="synchronize"/> waits until queued device work has finished.</summary>
    public static TimingStats Measure(Action run, int repetitions, Action? synchronize = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repetitions);
        var times = new double[repetitions];
        for (var r = -1; r < repetitions; r++)
        {
            synchronize?.Invoke();
            var clock = Stopwatch.StartNew();
            run();
            synchronize?.Invoke();
            if (r >= 0)
            {
                times[r] = clock.Elapsed.TotalSeconds;
            }
        }
        Array.Sort(times);
        var median = repetitions % 2 == 1 ? times[repetitions / 2] : (times[repetitions / 2 - 1] + times[repetitions / 2]) / 2;
        return new TimingStats(median, times[0], times[^1], repetitions);
    }

    /// <summary>
    /// Times a tensor operation on <paramref name="device"/>: each run in its own <see cref="DeviceScope"/> (so its
    /// buffers return to the pool and are reused) and, on a GPU-kind device, synchronised before and after.
    /// </summary>
    public static TimingStats Measure(Device device, Func<Tensor> op, int repetitions)
    {
        ArgumentNullException.ThrowIfNull(op);
        Action? synchronize = device.IsHost ? null : () => Devices.Synchronize(device);
        return Measure(() =>
        {
            using var scope = DeviceScope.Begin();
            op();
        }, repetitions, synchronize);
    }
}
