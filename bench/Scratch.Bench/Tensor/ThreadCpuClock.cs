using System.Runtime.InteropServices;

namespace Scratch.Bench.Tensor;

/// <summary>
/// The CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on a machine shared with
/// other jobs a one-thread kernel's CPU time leaves out the time it spent descheduled, which wall-clock time does not.
/// (It still includes the cache misses the neighbours cause.) Zero where the call is unavailable.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    /// <summary>Seconds of CPU time used by this thread so far.</summary>
    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        return ClockGetTime(ThreadCpuTimeId, out var ts) == 0 ? ts.Seconds + ts.Nanoseconds * 1e-9 : 0;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
