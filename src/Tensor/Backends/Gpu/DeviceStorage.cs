using ILGPU;
using ILGPU.Runtime;

namespace Scratch.Backends.Gpu;

/// <summary>
/// Storage in device memory: a typed view of a pooled buffer. Disposing it (directly, or at the end of
/// the <see cref="DeviceScope"/> that created it) returns the buffer to its pool at once; storage that
/// is only dropped returns it when finalised.
/// </summary>
/// <typeparam name="T">float, double or int.</typeparam>
internal sealed class DeviceStorage<T> : Storage, IDisposable where T : unmanaged
{
    private readonly DevicePool _pool;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _buffer;

    public DeviceStorage(DevicePool pool, MemoryBuffer1D<byte, Stride1D.Dense> buffer, int length, Device device)
    {
        _pool = pool;
        _buffer = buffer;
        Length = length;
        Device = device;
        DType = DTypeExtensions.Of<T>();
        DeviceScope.Track(this);
    }

    ~DeviceStorage() => Release();

    /// <summary>The device the memory is on.</summary>
    public Device Device { get; }

    /// <inheritdoc/>
    public override DType DType { get; }

    /// <inheritdoc/>
    public override int Length { get; }

    /// <summary>The elements, as a kernel argument.</summary>
    /// <exception cref="ObjectDisposedException">The storage went back to the pool.</exception>
    public ArrayView<T> View
    {
        get
        {
            var buffer = _buffer ?? throw new ObjectDisposedException(nameof(DeviceStorage<T>),
                $"this {DType.Name()} tensor's memory on {Device} was returned to the pool (disposed, or its DeviceScope ended); " +
                "keep tensors that outlive a scope with scope.Keep(tensor)");
            return buffer.View.AsContiguous().Cast<T>().SubView(0, Length);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            _pool.Return(buffer);
        }
    }
}
