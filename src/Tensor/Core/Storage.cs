namespace Scratch;

/// <summary>
/// A flat buffer of elements of one dtype on one device. Tensors are views over storage; several
/// tensors may share one storage. Backends create and read their own storage kinds.
/// </summary>
public abstract class Storage
{
    /// <summary>The element type.</summary>
    public abstract DType DType { get; }

    /// <summary>The number of elements.</summary>
    public abstract int Length { get; }
}

/// <summary>
/// Storage in host memory: a managed array of float, double or int. Storage the engine made for an op's
/// result owns a private array drawn from the thread's <see cref="HostPool"/>; when the
/// <see cref="DeviceScope"/> it was made in ends (or it is disposed), the array goes back to the pool and
/// the storage can no longer be read (docs/memory.md). Storage over a caller's array
/// (<see cref="Tensor.Wrap(float[], int[])"/>) never gives its array to the pool.
/// </summary>
/// <typeparam name="T">float, double or int.</typeparam>
public sealed class HostStorage<T> : Storage, IDisposable where T : unmanaged
{
    private T[]? _data;

    /// <summary>Wraps an array without copying it; the array stays the caller's (it is never pooled).</summary>
    public HostStorage(T[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        Length = data.Length;
        DType = DTypeExtensions.Of<T>();
    }

    /// <summary>Allocates a zeroed buffer.</summary>
    public HostStorage(int length) : this(new T[length])
    {
    }

    private HostStorage(T[] data, bool pooled) : this(data)
    {
        IsPooled = pooled;
    }

    /// <summary>
    /// Storage over an array nobody else references (a pool rental or a kernel's fresh result): its array
    /// returns to the pool when the storage is disposed, and the innermost open <see cref="DeviceScope"/>
    /// of this thread, if any, disposes it when it ends.
    /// </summary>
    internal static HostStorage<T> Private(T[] data)
    {
        var storage = new HostStorage<T>(data, pooled: true);
        DeviceScope.Track(storage);
        return storage;
    }

    /// <summary>As <see cref="Private"/>, but belonging to no scope: it lives until collected or disposed.</summary>
    internal static HostStorage<T> PrivateUntracked(T[] data) => new(data, pooled: true);

    /// <summary>The elements.</summary>
    /// <exception cref="ObjectDisposedException">The storage was disposed (its scope ended) and its memory reused.</exception>
    public T[] Data => _data ?? throw new ObjectDisposedException(nameof(HostStorage<T>),
        $"this {DType.Name()} tensor's host memory ({Length} elements) was returned to the pool when its DeviceScope ended (or it was disposed); " +
        "keep a tensor that outlives a scope with scope.Keep(tensor), or Clone() it inside the scope");

    /// <inheritdoc/>
    public override DType DType { get; }

    /// <inheritdoc/>
    public override int Length { get; }

    /// <summary>Whether the array is private to this storage (and so returns to the pool on disposal).</summary>
    internal bool IsPooled { get; }

    /// <summary>
    /// Ends this storage: it can no longer be read, and a private array returns to the pool for reuse.
    /// A caller's array is only let go. Disposing twice does nothing.
    /// </summary>
    public void Dispose()
    {
        var data = _data;
        _data = null;
        if (data is not null && IsPooled)
        {
            HostPool.Return(data);
        }
    }
}
