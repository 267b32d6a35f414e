namespace Scratch.Backends.Cpu;

/// <summary>
/// A fixed team of background threads for GEMM, in the manner of an OpenMP parallel region: <see cref="TryRun"/>
/// runs one body on the caller (member 0) and on members 1..n−1 at the same time, so the members may wait for each
/// other at a <see cref="SpinBarrier"/> (which the thread pool cannot promise: its work items may run one after
/// another). The team serves one GEMM at a time; a caller that finds it busy (another thread, or a GEMM nested in
/// a team body) is told so and runs without it. A body that throws is reported as an
/// <see cref="AggregateException"/> once every member has finished; bodies that meet at barriers must therefore not
/// throw between them (the GEMM bodies only touch memory that was validated before the run).
/// </summary>
internal static class GemmThreadTeam
{
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
            using var done = new CountdownEvent(threads - 1);
            Exception? failure = null;
            for (int i = 1; i < threads; i++)
            {
                _members[i - 1].Start(i, body, done, e => failure ??= e);
            }

            try
            {
                body(0);
            }
            finally
            {
                done.Wait();
            }

            if (failure is not null)
            {
                throw new AggregateException("A GEMM worker thread failed.", failure);
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

    /// <summary>One background thread that waits for a body, runs it and signals completion.</summary>
    private sealed class Member
    {
        private readonly ManualResetEventSlim _go = new(false, spinCount: 2000);
        private Action<int>? _body;
        private int _index;
        private CountdownEvent? _done;
        private Action<Exception>? _fail;

        public Member()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "Scratch GEMM worker" };
            thread.Start();
        }

        public void Start(int index, Action<int> body, CountdownEvent done, Action<Exception> fail)
        {
            _index = index;
            _body = body;
            _done = done;
            _fail = fail;
            _go.Set();
        }

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                _go.Reset();
                try
                {
                    _body!(_index);
                }
                catch (Exception e)
                {
                    _fail!(e);
                }
                finally
                {
                    _body = null;
                    _done!.Signal();
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
