namespace Scratch.Backends.Cpu;

/// <summary>
/// Splits loops across the cores when the work is large enough to pay for it. Every parallel loop of the CPU backend
/// (elementwise, reductions, pooling, convolution lanes, GEMM) runs on the one <see cref="GemmThreadTeam"/> when it is
/// free, as an OpenMP program runs all its regions on one team: its members spin a while between regions, so the
/// thread that wakes for the next loop is already running, and no thread-pool worker competes with a spinning member
/// for the second core. A loop nested in a team body, or started while another thread holds the team, uses the
/// thread pool. The split of the work depends on the item count alone, never on which thread runs what.
/// </summary>
internal static class CpuParallel
{
    /// <summary>Below this many elements of elementwise work a loop stays on the calling thread.</summary>
    public const int ElementGrain = 1 << 15;

    /// <summary>Runs body(start, end) over [0, count) in at most one chunk per core.</summary>
    /// <param name="count">Number of items.</param>
    /// <param name="costPerItem">Approximate elements of work per item, compared with <see cref="ElementGrain"/>.</param>
    /// <param name="body">Called with half-open ranges that tile [0, count).</param>
    public static void For(int count, long costPerItem, Action<int, int> body)
    {
        var cores = Environment.ProcessorCount;
        if (count <= 1 || cores == 1 || count * costPerItem < ElementGrain)
        {
            body(0, count);
            return;
        }
        var chunks = Math.Min(cores, count);
        Run(chunks, chunks, c => body((int)((long)count * c / chunks), (int)((long)count * (c + 1) / chunks)));
    }

    /// <summary>
    /// Runs body(row, start, length) over every row of a row walk: whole rows split across cores when
    /// there are many, or each row cut into per-core segments when there are few long ones.
    /// </summary>
    public static void ForSegments(int rowCount, int rowLength, Action<int, int, int> body)
    {
        var cores = Environment.ProcessorCount;
        if (rowCount >= cores || (long)rowCount * rowLength < ElementGrain)
        {
            For(rowCount, rowLength, (r0, r1) =>
            {
                for (var r = r0; r < r1; r++)
                {
                    body(r, 0, rowLength);
                }
            });
            return;
        }
        var perRow = cores;
        Run(rowCount * perRow, cores, k =>
        {
            var row = k / perRow;
            var c = k % perRow;
            var start = (int)((long)rowLength * c / perRow);
            var end = (int)((long)rowLength * (c + 1) / perRow);
            body(row, start, end - start);
        });
    }

    /// <summary>
    /// Runs body(i) for every i in [0, count) on at most <paramref name="threads"/> threads, the items taken in
    /// order as threads come free: on the thread team when it is free, else on the thread pool.
    /// </summary>
    public static void Run(int count, int threads, Action<int> body)
    {
        threads = Math.Min(threads, count);
        if (threads <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        int next = 0;
        void Member(int _)
        {
            for (int i = Interlocked.Increment(ref next) - 1; i < count; i = Interlocked.Increment(ref next) - 1)
            {
                body(i);
            }
        }

        if (!GemmThreadTeam.TryRun(threads, count == threads ? body : Member))
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
        }
    }
}
