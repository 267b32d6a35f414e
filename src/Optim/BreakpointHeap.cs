namespace Scratch.Optim;

// Problem: the generalized Cauchy point visits the breakpoints t_i of the projected
// steepest-descent path in increasing order, but usually stops after a few of them, so sorting
// all n breakpoints (O(n log n)) is wasteful.
// Approach: a binary min-heap built in O(n) (Floyd) from which breakpoints are popped in
// O(log n) each, as BLNZ95 §4 recommends ("heapsort"). Ties keep a fixed, deterministic order.
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, SIAM J. Sci. Comput. 16(5), §4.
//   [2] Cormen, Leiserson, Rivest & Stein 2009, Introduction to Algorithms, ch. 6.

/// <summary>Min-heap of (breakpoint time, variable index) pairs over preallocated arrays.</summary>
internal sealed class BreakpointHeap
{
    private readonly double[] _time;  // breakpoint times t_i
    private readonly int[] _index;    // variable of each breakpoint
    private int _count;

    public BreakpointHeap(int capacity, SolverMemory? memory = null)
    {
        _time = SolverMemory.Doubles(memory, capacity);
        _index = new int[capacity];
    }

    /// <summary>Number of breakpoints not yet popped.</summary>
    public int Count => _count;

    /// <summary>Empties the heap; then <see cref="Add"/> breakpoints and call <see cref="Build"/>.</summary>
    public void Clear() => _count = 0;

    /// <summary>Appends a breakpoint (heap order is restored by <see cref="Build"/>).</summary>
    public void Add(double time, int index)
    {
        _time[_count] = time;
        _index[_count] = index;
        _count++;
    }

    /// <summary>Restores heap order over everything added (O(count)).</summary>
    public void Build()
    {
        for (int i = _count / 2 - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    /// <summary>Removes and returns the smallest breakpoint.</summary>
    public (double Time, int Index) Pop()
    {
        var top = (_time[0], _index[0]);
        _count--;
        _time[0] = _time[_count];
        _index[0] = _index[_count];
        SiftDown(0);
        return top;
    }

    // Moves the breakpoint at i down to its place: each level compares the moving breakpoint's time with its children's
    // exactly as a swap at every level would, but shifts the smaller child up and writes the moving one once, at the end.
    private void SiftDown(int i)
    {
        double time = _time[i];
        int index = _index[i];
        while (true)
        {
            int left = 2 * i + 1, right = left + 1, smallest = i;
            double smallestTime = time;
            if (left < _count && _time[left] < smallestTime)
            {
                smallest = left;
                smallestTime = _time[left];
            }
            if (right < _count && _time[right] < smallestTime)
            {
                smallest = right;
                smallestTime = _time[right];
            }
            if (smallest == i)
            {
                break;
            }
            _time[i] = smallestTime;
            _index[i] = _index[smallest];
            i = smallest;
        }
        _time[i] = time;
        _index[i] = index;
    }
}
