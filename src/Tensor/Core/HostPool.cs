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
    // Arrays as objects: storing into an object array needs no type check, and the key (element type and length)
    // makes the cast on the way out unnecessary.
    [ThreadStatic]
    private static Dictionary<long, Stack<object>>? t_free;

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
        var free = t_free ??= [];
        var key = Key<T>(array.Length);
        if (!free.TryGetValue(key, out var stack))
        {
            free[key] = stack = new Stack<object>();
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
        if (t_cachedBytes == 0 || t_free is not { } free || !free.TryGetValue(Key<T>(length), out var stack) || stack.Count == 0)
        {
            return null;
        }
        t_reuses++;
        t_cachedBytes -= (long)length * DTypeExtensions.Of<T>().ElementSize();
        return Unsafe.As<T[]>(stack.Pop());
    }

    private static long Key<T>(int length) where T : unmanaged => ((long)DTypeExtensions.Of<T>() << 32) | (uint)length;
}
