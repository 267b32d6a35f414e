using System.Runtime.CompilerServices;

namespace Scratch;

/// <summary>
/// The host side of the memory every <see cref="DeviceScope"/> recycles: free arrays kept by exact element
/// type and length, one pool per thread (no locks; a scope lives on one thread). A training or attack loop
/// asks for the same lengths step after step, so exact lengths are reused without rounding up, and an
/// array keeps the length its storage reports. Arrays come in from disposed <see cref="HostStorage{T}"/>
/// only; they are handed out uninitialised (<see cref="Rent{T}"/>) or cleared (<see cref="RentZeroed{T}"/>).
/// The pool holds at most <see cref="HostMemory.PoolCapacityBytes"/> per thread. When a returned array would
/// pass that, the lengths used longest ago are let go to the garbage collector first (least recently used), so a
/// long run that moves from one experiment's shapes to the next keeps serving the shapes of its current loop.
/// The capacity stays a bound: an array is not kept when it is larger than the capacity, or when arrays of its own
/// length alone fill the pool.
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
        var capacity = HostMemory.PoolCapacityBytes;
        if (bytes > capacity)
        {
            return;
        }
        var free = t_free ??= new FreeLists();
        var stack = free.GetOrAdd(Key<T>(array.Length));
        if (t_cachedBytes + bytes > capacity)
        {
            // Room for this array and an eighth of the capacity, so that a loop past the capacity does not scan at every return.
            t_cachedBytes -= free.EvictLeastRecentlyUsed(t_cachedBytes + bytes - (capacity - capacity / 8), except: stack);
            if (t_cachedBytes + bytes > capacity)
            {
                return; // the arrays of this very length fill the pool
            }
        }
        stack.Push(array);
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
        t_free.Touch(stack);
        t_reuses++;
        t_cachedBytes -= (long)length * DTypeExtensions.Of<T>().ElementSize();
        return Unsafe.As<T[]>(stack.Pop());
    }

    // Never 0: the length is at least 1.
    private static long Key<T>(int length) where T : unmanaged => ((long)DTypeExtensions.Of<T>() << 32) | (uint)length;

    /// <summary>
    /// One thread's free arrays by key (element type and length), with the stacks of recent keys in a small table in
    /// front of the dictionary: a step asks for the same few lengths at every op. Arrays are kept as objects: storing
    /// into an object array needs no type check, and the key makes a cast on the way out unnecessary. Each stack
    /// carries the tick of its last rental or return, which orders the eviction.
    /// </summary>
    private sealed class FreeLists
    {
        private const int RecentSlots = 32;
        private readonly long[] _recentKeys = new long[RecentSlots];
        private readonly FreeStack?[] _recentStacks = new FreeStack?[RecentSlots];
        private readonly Dictionary<long, FreeStack> _stacks = [];
        private long _clock;

        public FreeStack? Find(long key)
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

        /// <summary>The stack of a key, created when missing, marked as just used.</summary>
        public FreeStack GetOrAdd(long key)
        {
            if (Find(key) is not { } stack)
            {
                _stacks[key] = stack = new FreeStack(key);
                var slot = Slot(key);
                (_recentKeys[slot], _recentStacks[slot]) = (key, stack);
            }
            Touch(stack);
            return stack;
        }

        public void Touch(FreeStack stack) => stack.LastUse = ++_clock;

        /// <summary>
        /// Lets go of whole stacks, the one used longest ago first, until at least <paramref name="bytes"/> are freed
        /// or only <paramref name="except"/> is left; returns the bytes freed.
        /// </summary>
        public long EvictLeastRecentlyUsed(long bytes, FreeStack except)
        {
            var byAge = _stacks.Values.Where(s => s != except).OrderBy(s => s.LastUse).ToArray();
            long freed = 0;
            foreach (var stack in byAge)
            {
                if (freed >= bytes)
                {
                    break;
                }
                freed += stack.Bytes();
                _stacks.Remove(stack.Key);
                var slot = Slot(stack.Key);
                if (_recentKeys[slot] == stack.Key)
                {
                    (_recentKeys[slot], _recentStacks[slot]) = (0, null);
                }
            }
            return freed;
        }

        public void Clear()
        {
            _stacks.Clear();
            Array.Clear(_recentKeys);
            Array.Clear(_recentStacks);
        }

        private static int Slot(long key) => (int)(key ^ (key >> 29)) & (RecentSlots - 1);
    }

    /// <summary>The free arrays of one key, with the tick of the key's last use.</summary>
    private sealed class FreeStack(long key) : Stack<object>
    {
        public long Key { get; } = key;

        public long LastUse { get; set; }

        /// <summary>The bytes the arrays of this stack hold (the key gives the element type and the length).</summary>
        public long Bytes() => Count * (long)(uint)Key * ((DType)(Key >> 32)).ElementSize();
    }
}
