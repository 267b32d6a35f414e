using System.Diagnostics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The wait of the thread team's spins (a member waiting for a body, the leader waiting for a member, a barrier):
/// poll with the processor's pause hint, and hand the core to the scheduler only once every
/// <see cref="YieldMicroseconds"/>. <see cref="SpinWait.SpinOnce(int)"/> yields after its first ten rounds, and on
/// these VMs a yield is a system call of about a microsecond: a post or a finish that lands during one is seen that
/// much later, which at the one-row products of an attack's evaluation (2–3 µs each) was a third of their time.
/// The periodic yield still lets a thread that shares the core (more threads than cores) run.
/// </summary>
internal struct PollingWait
{
    /// <summary>The longest stretch of polling between two yields of the core.</summary>
    public const int YieldMicroseconds = 20;

    // Polls between two readings of the clock, which costs more than a poll.
    private const int PollsPerClockReading = 64;

    private static readonly long _yieldTicks = Stopwatch.Frequency * YieldMicroseconds / 1_000_000;
    private long _start;
    private long _lastYield;
    private int _polls;

    /// <summary>The time waited so far, in <see cref="Stopwatch"/> ticks, as of the latest reading of the clock.</summary>
    public long ElapsedTicks { get; private set; }

    /// <summary>Waits a moment before the caller polls again.</summary>
    public void Pause()
    {
        Thread.SpinWait(1);
        if (_polls++ % PollsPerClockReading != 0)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        if (_start == 0)
        {
            _start = _lastYield = now;
            return;
        }

        ElapsedTicks = now - _start;
        if (now - _lastYield >= _yieldTicks)
        {
            Thread.Yield();
            _lastYield = Stopwatch.GetTimestamp();
        }
    }
}
