using Scratch.Backends.Gpu;

namespace Scratch;

/// <summary>
/// Frees device memory deterministically: every device tensor created on this thread while the scope is
/// open returns its buffer to the device's pool when the scope is disposed, except those passed to
/// <see cref="Keep"/>. Wrap one training step or one attack iteration in a scope and the loop reuses the
/// same buffers step after step. Host tensors are unaffected. Scopes nest; a kept tensor moves to the
/// enclosing scope, if any.
/// </summary>
public sealed class DeviceScope : IDisposable
{
    [ThreadStatic]
    private static DeviceScope? t_current;

    private readonly DeviceScope? _outer;
    private readonly List<IDisposable> _owned = [];
    private bool _disposed;

    private DeviceScope()
    {
        _outer = t_current;
        t_current = this;
    }

    /// <summary>Opens a scope on this thread.</summary>
    public static DeviceScope Begin() => new();

    /// <summary>Exempts a tensor's storage from this scope (moving it to the enclosing scope) and returns the tensor.</summary>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Storage is IDisposable owned && _owned.Remove(owned))
        {
            _outer?._owned.Add(owned);
        }
        return tensor;
    }

    /// <summary>
    /// Makes the scope responsible for a tensor created elsewhere (typically the previous step's
    /// parameters, replaced in this step): its device memory returns to the pool when the scope ends.
    /// </summary>
    public Tensor Own(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Storage is IDisposable owned && !_owned.Contains(owned))
        {
            _owned.Add(owned);
        }
        return tensor;
    }

    /// <summary>Returns the memory of every tensor created in the scope and not kept.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        t_current = _outer;
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        _owned.Clear();
    }

    /// <summary>Registers new device storage with the innermost open scope of this thread.</summary>
    internal static void Track<T>(DeviceStorage<T> storage) where T : unmanaged => t_current?._owned.Add(storage);
}
