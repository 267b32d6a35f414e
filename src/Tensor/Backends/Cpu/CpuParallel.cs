namespace Scratch.Backends.Cpu;

/// <summary>Splits loops across the cores when the work is large enough to pay for it.</summary>
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
        Parallel.For(0, chunks, c => body((int)((long)count * c / chunks), (int)((long)count * (c + 1) / chunks)));
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
        Parallel.For(0, rowCount * perRow, k =>
        {
            var row = k / perRow;
            var c = k % perRow;
            var start = (int)((long)rowLength * c / perRow);
            var end = (int)((long)rowLength * (c + 1) / perRow);
            body(row, start, end - start);
        });
    }
}
