namespace Scratch.Optim;

// Problem: a solver's working memory is about (2m + 12) n-vectors and a few dozen small arrays (its m × m blocks, its
// 2m-vectors, its chunk scratch, its status and index arrays), made anew for every minimisation. An attack runs
// hundreds of short minimisations (one per image and per penalty c, up to 500 at a time in lockstep), so those arrays
// were most of what it allocated: fresh memory to fault in, and live data for the GC to promote and scan.
// Approach: every array of a solver comes from a shared pool of recycled arrays (by element type and length) and goes
// back with the others when the solver is disposed. An array from the pool is cleared first, so a solver cannot tell
// it from a new one: the iterates are the same bits. The pool keeps at most 128 MiB, the most recently returned first;
// the rest is left to the GC. That holds the largest lockstep batch the reproduction runs (500 images at n = 784,
// ≈ 100 MB of solvers): with 64 MiB, two thirds of each such batch's arrays were new every time, and a 500-image attack
// took 515–615 ms instead of 402–465 (and 24 instead of 9 gen-0 collections).

/// <summary>The recycled arrays of one solver's working memory.</summary>
internal sealed class SolverMemory
{
    /// <summary>The most bytes the pool keeps for later solvers.</summary>
    public const long Capacity = 128L << 20;

    private static readonly object Gate = new();
    private static readonly Dictionary<(Type, int), Stack<Array>> Free = [];
    private static long _pooledBytes;

    // Each array taken, with its pool key (element type, length) as Take knew it.
    private readonly List<((Type, int) Key, Array Array)> _taken = [];

    /// <summary>A zeroed array of <paramref name="length"/> elements: recycled from the pool when one is there, else new.</summary>
    public T[] Take<T>(int length) where T : unmanaged
    {
        T[]? array = null;
        var key = (typeof(T), length);
        lock (Gate)
        {
            if (Free.TryGetValue(key, out var stack) && stack.Count > 0)
            {
                array = (T[])stack.Pop();
                _pooledBytes -= Buffer.ByteLength(array);
            }
        }
        if (array is null)
        {
            array = new T[length];
        }
        else
        {
            Array.Clear(array);
        }
        _taken.Add((key, array));
        return array;
    }

    /// <summary>An array of <paramref name="length"/> elements from <paramref name="memory"/>, or a new one without it.</summary>
    public static T[] Take<T>(SolverMemory? memory, int length) where T : unmanaged => memory?.Take<T>(length) ?? new T[length];

    /// <summary>
    /// Gives every array taken back to the pool; none of them may be used afterwards. When they do not fit beside
    /// what the pool holds, the pool lets go of everything older first (the last solver's memory is the likeliest
    /// to be asked for again), then keeps what fits within <see cref="Capacity"/>.
    /// </summary>
    public void Release()
    {
        lock (Gate)
        {
            long incoming = 0;
            foreach (var (_, array) in _taken)
            {
                incoming += Buffer.ByteLength(array);
            }
            if (_pooledBytes + incoming > Capacity)
            {
                Free.Clear();
                _pooledBytes = 0;
            }
            foreach (var (key, array) in _taken)
            {
                if (_pooledBytes + Buffer.ByteLength(array) > Capacity)
                {
                    break;
                }
                if (!Free.TryGetValue(key, out var stack))
                {
                    Free[key] = stack = new Stack<Array>();
                }
                stack.Push(array);
                _pooledBytes += Buffer.ByteLength(array);
            }
        }
        _taken.Clear();
    }
}
