using System.Runtime.CompilerServices;

namespace Scratch;

/// <summary>
/// The host side of the memory every <see cref="DeviceScope"/> recycles: free arrays kept by exact element
/// type and length, one pool per thread (no locks; a scope lives on one thread). A training or attack loop
/// asks for the same lengths step after step, so exact lengths are reused without rounding up, and an
/// array keeps the length its storage reports. Arrays come in from disposed <see cref="HostStorage{T}"/>
/// only; they are handed out uninitialised (<see cref="Rent{T}"/>) or cleared (<see cref="RentZeroed{T}"/>).
/// The pool holds at most <see cref="HostMemory.PoolCapacityBytes"/> per thread; beyond that a returned
/// array is left to the garbage collector.
/// </summary>
internal static class HostPool
{
    [ThreadStatic]
    private static FreeLists? t_free;

    [ThreadStatic]
    private static long t_cachedBytes;

    [ThreadStatic]
    private static long t_allocations;

    [ThreadStatic]
    private static long t_reuses;

    /// <summary>Bytes in free arrays kept by this thread's pool.</summary>
    public static long CachedBytes => t_cachedBytes;

    /// <summary>Arrays this thread allocated because its pool had none of the length asked for.</summary>
    public static long Allocations => t_allocations;

    /// <summary>Arrays this thread's pool served from its free lists.</summary>
    public static long Reuses => t_reuses;

    /// <summary>An array of exactly <paramref name="length"/> elements whose contents are unspecified; the caller writes every element.</summary>
    public static T[] Rent<T>(int length) where T : unmanaged
    {
        if (length == 0)
        {
            return [];
        }
        if (TryTake<T>(length) is { } reused)
        {
            return reused;
        }
        t_allocations++;
        return GC.AllocateUninitializedArray<T>(length);
    }

    /// <summary>An array of exactly <paramref name="length"/> zeros.</summary>
    public static T[] RentZeroed<T>(int length) where T : unmanaged
    {
        if (length == 0)
        {
            return [];
        }
        if (TryTake<T>(length) is { } reused)
        {
            Array.Clear(reused);
            return reused;
        }
        t_allocations++;
        return new T[length];
    }

    /// <summary>Gives an array nobody references any more back to this thread's pool.</summary>
    public static void Return<T>(T[] array) where T : unmanaged
    {
        if (array.Length == 0)
        {
            return;
        }
        var bytes = (long)array.Length * DTypeExtensions.Of<T>().ElementSize();
        if (t_cachedBytes + bytes > HostMemory.PoolCapacityBytes)
        {
            return;
        }
        (t_free ??= new FreeLists()).GetOrAdd(Key<T>(array.Length)).Push(array);
        t_cachedBytes += bytes;
    }

    /// <summary>Lets every free array of this thread's pool go.</summary>
    public static void Trim()
    {
        t_free?.Clear();
        t_cachedBytes = 0;
    }

    private static T[]? TryTake<T>(int length) where T : unmanaged
    {
        if (t_cachedBytes == 0 || t_free?.Find(Key<T>(length)) is not { Count: > 0 } stack)
        {
            return null;
        }
        t_reuses++;
        t_cachedBytes -= (long)length * DTypeExtensions.Of<T>().ElementSize();
        return Unsafe.As<T[]>(stack.Pop());
    }

    // Never 0: the length is at least 1.
    private static long Key<T>(int length) where T : unmanaged => ((long)DTypeExtensions.Of<T>() << 32) | (uint)length;

    /// <summary>
    /// One thread's free arrays by key (element type and length), with the stacks of recent keys in a small table in
    /// front of the dictionary: a step asks for the same few lengths at every op. Arrays are kept as objects: storing
    /// into an object array needs no type check, and the key makes a cast on the way out unnecessary.
    /// </summary>
    private sealed class FreeLists
    {
        private const int RecentSlots = 32;
        private readonly long[] _recentKeys = new long[RecentSlots];
        private readonly Stack<object>?[] _recentStacks = new Stack<object>?[RecentSlots];
        private readonly Dictionary<long, Stack<object>> _stacks = [];

        public Stack<object>? Find(long key)
        {
            var slot = Slot(key);
            if (_recentKeys[slot] == key)
            {
                return _recentStacks[slot];
            }
            if (!_stacks.TryGetValue(key, out var stack))
            {
                return null;
            }
            (_recentKeys[slot], _recentStacks[slot]) = (key, stack);
            return stack;
        }

        public Stack<object> GetOrAdd(long key)
        {
            if (Find(key) is { } stack)
            {
                return stack;
            }
            _stacks[key] = stack = new Stack<object>();
            var slot = Slot(key);
            (_recentKeys[slot], _recentStacks[slot]) = (key, stack);
            return stack;
        }

        public void Clear()
        {
            _stacks.Clear();
            Array.Clear(_recentKeys);
            Array.Clear(_recentStacks);
        }

        private static int Slot(long key) => (int)(key ^ (key >> 29)) & (RecentSlots - 1);
    }
}
