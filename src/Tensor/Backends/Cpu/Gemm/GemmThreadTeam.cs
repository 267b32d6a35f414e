using System.Diagnostics;

namespace Scratch.Backends.Cpu;

/// <summary>
/// A fixed team of background threads for GEMM and every other parallel loop of the CPU backend
/// (<see cref="CpuParallel"/>), in the manner of an OpenMP parallel region: <see cref="TryRun"/>
/// runs one body on the caller (member 0) and on members 1..n−1 at the same time, so the members may wait for each
/// other at a <see cref="SpinBarrier"/> (which the thread pool cannot promise: its work items may run one after
/// another). The team serves one loop at a time; a caller that finds it busy (another thread, or a loop nested in
/// a team body) is told so and runs without it. A body that throws is reported as an
/// <see cref="AggregateException"/> once every member has finished; bodies that meet at barriers must therefore not
/// throw between them (the GEMM bodies only touch memory that was validated before the run).
/// An idle member spins for <see cref="SpinMicroseconds"/> before it blocks, as OpenMP runtimes do
/// (OMP_WAIT_POLICY, GOMP_SPINCOUNT; OpenBLAS's worker threads likewise): training calls GEMM every few tens of
/// microseconds, and waking a blocked thread costs about as much as a small GEMM.
/// (The name is historical: the team was GEMM's alone before the other loops moved onto it.)
/// </summary>
internal static class GemmThreadTeam
{
    /// <summary>How long an idle member polls for the next body before it blocks on a lock.</summary>
    public const int SpinMicroseconds = 200;

    private static readonly long _spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
    private static readonly object _gate = new();
    private static Member[] _members = [];

    /// <summary>Runs <paramref name="body"/>(member) for member = 0..threads−1 concurrently; false if the team is busy.</summary>
    public static bool TryRun(int threads, Action<int> body)
    {
        // Monitor is re-entrant, so a GEMM nested in member 0's body must be refused explicitly.
        if (Monitor.IsEntered(_gate) || !Monitor.TryEnter(_gate))
        {
            return false;
        }

        try
        {
            EnsureMembers(threads - 1);
            for (int i = 1; i < threads; i++)
            {
                _members[i - 1].Start(i, body);
            }

            try
            {
                body(0);
            }
            finally
            {
                for (int i = 1; i < threads; i++)
                {
                    _members[i - 1].WaitUntilDone();
                }
            }

            for (int i = 1; i < threads; i++)
            {
                if (_members[i - 1].TakeFailure() is { } failure)
                {
                    throw new AggregateException("A worker thread of the CPU backend failed.", failure);
                }
            }

            return true;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private static void EnsureMembers(int count)
    {
        if (_members.Length >= count)
        {
            return;
        }

        var members = new Member[count];
        Array.Copy(_members, members, _members.Length);
        for (int i = _members.Length; i < count; i++)
        {
            members[i] = new Member();
        }

        _members = members;
    }

    /// <summary>
    /// One background thread that waits for a body (spinning, then blocked), runs it and publishes that it is done.
    /// Only the leader, holding the team's gate, posts bodies, so the counters need no read-modify-write between
    /// leaders; the posted count and the sleeping flag are written with full fences, so that a member going to sleep
    /// and a leader posting cannot both miss the other's write (the lost wake-up of the Dekker pattern).
    /// </summary>
    private sealed class Member
    {
        private readonly object _sleep = new();
        private Action<int>? _body;
        private int _index;
        private Exception? _failure;
        private int _posted;
        private int _finished;
        private int _sleeping;

        public Member()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "Scratch GEMM worker" };
            thread.Start();
        }

        public void Start(int index, Action<int> body)
        {
            _index = index;
            _body = body;
            _failure = null;
            Interlocked.Increment(ref _posted);
            if (Volatile.Read(ref _sleeping) != 0)
            {
                lock (_sleep)
                {
                    Monitor.Pulse(_sleep);
                }
            }
        }

        /// <summary>Spins (yielding, never sleeping a whole millisecond) until the posted body has finished.</summary>
        public void WaitUntilDone()
        {
            int posted = Volatile.Read(ref _posted);
            var spinner = new SpinWait();
            while (Volatile.Read(ref _finished) != posted)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        public Exception? TakeFailure()
        {
            var failure = _failure;
            _failure = null;
            return failure;
        }

        private void Loop()
        {
            int seen = 0;
            while (true)
            {
                WaitForPost(seen);
                seen = Volatile.Read(ref _posted);
                try
                {
                    _body!(_index);
                }
                catch (Exception e)
                {
                    _failure = e;
                }
                finally
                {
                    _body = null;
                    Volatile.Write(ref _finished, seen);
                }
            }
        }

        private void WaitForPost(int seen)
        {
            // The spin yields after its first few rounds: where the cores are oversubscribed and the leader shares
            // this member's core, a spin that never yields would hold the core for the rest of its time slice.
            long start = Stopwatch.GetTimestamp();
            var spinner = new SpinWait();
            while (Volatile.Read(ref _posted) == seen)
            {
                if (Stopwatch.GetTimestamp() - start < _spinTicks)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }

                lock (_sleep)
                {
                    Interlocked.Exchange(ref _sleeping, 1);
                    while (Volatile.Read(ref _posted) == seen)
                    {
                        Monitor.Wait(_sleep);
                    }

                    Interlocked.Exchange(ref _sleeping, 0);
                }
            }
        }
    }
}

/// <summary>A reusable sense-reversing barrier for the members of one <see cref="GemmThreadTeam"/> run.</summary>
internal sealed class SpinBarrier(int participants)
{
    private readonly int _participants = participants;
    private int _remaining = participants;
    private volatile int _phase;

    /// <summary>Blocks until all participants have called this method for the current phase.</summary>
    public void SignalAndWait()
    {
        int phase = _phase;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            _phase = phase + 1;
            return;
        }

        var spinner = new SpinWait();
        while (_phase == phase)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
