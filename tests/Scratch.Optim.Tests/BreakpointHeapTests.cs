namespace Scratch.Optim.Tests;

/// <summary>
/// The breakpoint heap against the textbook binary heap (CLRS ch. 6: swap with the smaller child at every level): the
/// Cauchy path pins the iterates to the order in which breakpoints leave the heap, ties and NaN times included, so the
/// heap must pop the same (time, variable) sequence, not merely the same sorted times.
/// </summary>
public class BreakpointHeapTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(7, 2)]
    [InlineData(100, 3)]
    [InlineData(784, 4)]
    [InlineData(1000, 5)]
    public void Pop_GivesTheTextbookHeapsSequence_WithTiesAndNaN(int count, int seed)
    {
        var random = new Random(seed);
        // Times from a few values (many ties), some infinite, a few NaN.
        double[] values = [0, 0.25, 0.5, 1, 1, 2, double.PositiveInfinity, double.NaN];
        var times = Enumerable.Range(0, count).Select(_ => random.Next(5) == 0 ? values[random.Next(values.Length)] : random.Next(20) / 8.0).ToArray();
        AssertPopsTheTextbookSequence(times);
    }

    [Theory]
    [InlineData(784, 6, -1)]
    [InlineData(784, 7, 3)]
    [InlineData(30, 8, 0)]
    [InlineData(5, 9, -1)]
    [InlineData(10_000, 10, 2)]
    public void Pop_DistinctTimesUntilATie_GivesTheTextbookHeapsSequence(int count, int seed, int tieAt)
    {
        // Distinct times are popped by scanning until the scan limit or a tie (here between the tieAt-th and next
        // smallest, −0 against +0 when tieAt is 0): the sequence after the heap is built must still be the heap's.
        // Past 8,192 breakpoints the heap is built at once.
        var random = new Random(seed);
        var times = Enumerable.Range(1, count).Select(k => k / 64.0).OrderBy(_ => random.Next()).ToArray();
        if (tieAt >= 0)
        {
            var sorted = times.Order().ToArray();
            var tied = Array.IndexOf(times, sorted[tieAt + 1]);
            times[tied] = sorted[tieAt];
            if (tieAt == 0)
            {
                times[Array.IndexOf(times, sorted[0])] = 0.0;
                times[tied] = -0.0;
            }
        }
        AssertPopsTheTextbookSequence(times);
    }

    // Breakpoint i at times[i], popped to the end (the Cauchy path pops part of the way; each pop must match anyway).
    private static void AssertPopsTheTextbookSequence(double[] times)
    {
        var heap = new BreakpointHeap(times.Length);
        var reference = new TextbookHeap(times.Length);
        for (var i = 0; i < times.Length; i++)
        {
            heap.Add(times[i], i);
            reference.Add(times[i], i);
        }
        heap.Build();
        reference.Build();
        while (heap.Count > 0)
        {
            var (time, index) = heap.Pop();
            var (expectedTime, expectedIndex) = reference.Pop();
            Assert.Equal(expectedIndex, index);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedTime), BitConverter.DoubleToInt64Bits(time));
            Assert.Equal(reference.Count, heap.Count);
        }
        Assert.Equal(0, reference.Count);
    }

    // A min-heap that swaps the moving entry with its smaller child at every level (the smaller child found by
    // comparing left with the entry, then right with the smaller of the two).
    private sealed class TextbookHeap(int capacity)
    {
        private readonly double[] _time = new double[capacity];
        private readonly int[] _index = new int[capacity];

        public int Count { get; private set; }

        public void Add(double time, int index)
        {
            _time[Count] = time;
            _index[Count] = index;
            Count++;
        }

        public void Build()
        {
            for (var i = Count / 2 - 1; i >= 0; i--)
            {
                SiftDown(i);
            }
        }

        public (double Time, int Index) Pop()
        {
            var top = (_time[0], _index[0]);
            Count--;
            _time[0] = _time[Count];
            _index[0] = _index[Count];
            SiftDown(0);
            return top;
        }

        private void SiftDown(int i)
        {
            while (true)
            {
                int left = 2 * i + 1, right = left + 1, smallest = i;
                if (left < Count && _time[left] < _time[smallest])
                {
                    smallest = left;
                }
                if (right < Count && _time[right] < _time[smallest])
                {
                    smallest = right;
                }
                if (smallest == i)
                {
                    return;
                }
                (_time[i], _time[smallest]) = (_time[smallest], _time[i]);
                (_index[i], _index[smallest]) = (_index[smallest], _index[i]);
                i = smallest;
            }
        }
    }
}
