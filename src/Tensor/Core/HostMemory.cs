namespace Scratch;

/// <summary>
/// What the host memory pool behind <see cref="DeviceScope"/> is doing on the calling thread (docs/memory.md):
/// how many tensor buffers were allocated fresh and how many were reused, how much it holds, and a way to
/// let that go. A loop that runs each step in a scope should show <see cref="Allocations"/> stop growing
/// after its first step.
/// </summary>
public static class HostMemory
{
    private static long s_capacityBytes = 1L << 30;

    /// <summary>Host tensor buffers allocated on this thread because the pool had none of the size asked for.</summary>
    public static long Allocations => HostPool.Allocations;

    /// <summary>Host tensor buffers this thread's pool served again.</summary>
    public static long Reuses => HostPool.Reuses;

    /// <summary>Bytes of free buffers this thread's pool keeps for reuse.</summary>
    public static long CachedBytes => HostPool.CachedBytes;

    /// <summary>The most bytes of free buffers one thread's pool keeps (1 GiB by default); buffers returned beyond it are left to the garbage collector.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public static long PoolCapacityBytes
    {
        get => Volatile.Read(ref s_capacityBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref s_capacityBytes, value);
        }
    }

    /// <summary>Lets every free buffer of this thread's pool go (tensors in use are not affected).</summary>
    public static void Trim() => HostPool.Trim();
}
