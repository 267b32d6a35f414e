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

/// <summary>Storage in host memory: a managed array of float, double or int.</summary>
/// <typeparam name="T">float, double or int.</typeparam>
public sealed class HostStorage<T> : Storage where T : unmanaged
{
    /// <summary>Wraps an array without copying it.</summary>
    public HostStorage(T[] data)
    {
        Data = data;
        DType = DTypeExtensions.Of<T>();
    }

    /// <summary>Allocates a zeroed buffer.</summary>
    public HostStorage(int length) : this(new T[length])
    {
    }

    /// <summary>The elements.</summary>
    public T[] Data { get; }

    /// <inheritdoc/>
    public override DType DType { get; }

    /// <inheritdoc/>
    public override int Length => Data.Length;
}
