using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Scratch.Optim;

// Problem: the generalized Cauchy point visits the breakpoints t_i of the projected
// steepest-descent path in increasing order, but usually stops after a few of them, so sorting
// all n breakpoints (O(n log n)) is wasteful; at n = 784 (one image) even building the heap
// (O(n), a branchy sift per parent) cost more than the handful of breakpoints an iteration visits.
// Approach: a binary min-heap built in O(n) (Floyd) from which breakpoints are popped in
// O(log n) each, as BLNZ95 §4 recommends ("heapsort"). Ties keep a fixed, deterministic order.
// Up to ScanAtMost breakpoints, the heap is built lazily: while the smallest remaining time is
// unique (and finite), every heap would pop exactly that breakpoint, so a vectorised scan finds it.
// At the first tie, NaN or infinity, or after ScanLimit scans, the heap is built from the
// breakpoints in the order they were added and the scanned ones are popped from it again, which
// leaves it exactly as eager building and popping would have: the sequence, ties included, is the
// heap's.
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, SIAM J. Sci. Comput. 16(5), §4.
//   [2] Cormen, Leiserson, Rivest & Stein 2009, Introduction to Algorithms, ch. 6.

/// <summary>Min-heap of (breakpoint time, variable index) pairs over preallocated arrays.</summary>
internal sealed class BreakpointHeap
{
    // Scans before the heap is built: each reads every time twice (≈ 2n/4 vector steps), a build sifts n/2 parents.
    private const int ScanLimit = 8;

    // Larger sets are built at once, as before: their scans would stream the times from memory (at n = 10⁶, 16 MB a
    // scan), and the solver's passes over memory at large n are what its iteration is measured by (docs/lbfgsb.md).
    private const int ScanAtMost = VectorOps.CacheResidentLength;

    private readonly double[] _time;  // breakpoint times t_i
    private readonly int[] _index;    // variable of each breakpoint
    private readonly double[] _scan;  // the times while the heap is unbuilt, +∞ where a scan took the breakpoint
    private int _added;               // breakpoints added since Clear
    private int _count;               // breakpoints not yet popped
    private int _scanned;             // breakpoints popped by scanning
    private bool _built;

    public BreakpointHeap(int capacity, SolverMemory? memory = null)
    {
        _time = SolverMemory.Take<double>(memory, capacity);
        _scan = SolverMemory.Take<double>(memory, Math.Min(capacity, ScanAtMost));
        _index = SolverMemory.Take<int>(memory, capacity);
    }

    /// <summary>Number of breakpoints not yet popped.</summary>
    public int Count => _count;

    /// <summary>Empties the heap; then <see cref="Add"/> breakpoints and call <see cref="Build"/>.</summary>
    public void Clear() => _added = _count = 0;

    /// <summary>Appends a breakpoint (heap order is restored by <see cref="Build"/>).</summary>
    public void Add(double time, int index)
    {
        _time[_added] = time;
        _index[_added] = index;
        _added++;
        _count++;
    }

    /// <summary>Ends the adds: <see cref="Pop"/> then returns the breakpoints in heap order (the heap itself is built when a pop needs it).</summary>
    public void Build()
    {
        _scanned = 0;
        _built = _added > ScanAtMost;
        if (_built)
        {
            BuildHeap();
            return;
        }
        _time.AsSpan(0, _added).CopyTo(_scan);
    }

    /// <summary>Removes and returns the smallest breakpoint.</summary>
    public (double Time, int Index) Pop()
    {
        if (!_built)
        {
            if (_scanned < ScanLimit && TakeUniqueMinimum() is int at)
            {
                _scanned++;
                _count--;
                return (_time[at], _index[at]);
            }
            BuildHeap();
            for (var k = 0; k < _scanned; k++)
            {
                PopHeap();
            }
            _built = true;
        }
        return PopHeap();
    }

    // The position of the smallest remaining time if it is finite and no other remaining time equals it (then marked
    // taken), else null.
    private int? TakeUniqueMinimum()
    {
        var times = _scan.AsSpan(0, _added);
        int at = TensorPrimitives.IndexOfMin<double>(times);
        double t = times[at];
        if (!double.IsFinite(t) || Occurrences(times, t) != 1)
        {
            return null;
        }
        times[at] = double.PositiveInfinity;
        return at;
    }

    // How many times equal t (== : +0 and −0 are a tie, as for the heap's comparisons).
    private static int Occurrences(ReadOnlySpan<double> times, double t)
    {
        int count = 0, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var tv = Vector256.Create(t);
            for (; i + Vector256<double>.Count <= times.Length; i += Vector256<double>.Count)
            {
                count += BitOperations.PopCount(Vector256.Equals(Vector256.Create(times.Slice(i, Vector256<double>.Count)), tv).ExtractMostSignificantBits());
            }
        }
        for (; i < times.Length; i++)
        {
            count += times[i] == t ? 1 : 0;
        }
        return count;
    }

    // Floyd's build over every breakpoint added, in the order added.
    private void BuildHeap()
    {
        _count = _added;
        for (int i = _count / 2 - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    private (double Time, int Index) PopHeap()
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
