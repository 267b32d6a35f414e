namespace Scratch;

/// <summary>
/// Reuses memory deterministically, on every device (docs/memory.md): every tensor an op creates on this
/// thread while the scope is open gives its buffer back to its device's pool when the scope is disposed,
/// except those passed to <see cref="Keep"/>. Wrap one training step or one attack iteration in a scope and
/// the loop reuses the same buffers step after step. A tensor whose scope has ended cannot be read (it
/// throws <see cref="ObjectDisposedException"/>), so reuse is never observable as changed values. Tensors
/// made from the caller's arrays, and tensors created outside any scope, are never affected. Scopes nest;
/// a kept tensor moves to the enclosing scope, if any.
/// </summary>
public sealed class DeviceScope : IDisposable
{
    [ThreadStatic]
    private static DeviceScope? t_current;

    [ThreadStatic]
    private static Stack<List<IDisposable>>? t_spareLists;

    private readonly DeviceScope? _outer;
    private readonly bool _suspended;
    private List<IDisposable>? _owned;

    private DeviceScope(bool suspended)
    {
        _outer = t_current;
        _suspended = suspended;
        _owned = suspended ? null : t_spareLists is { Count: > 0 } spare ? spare.Pop() : [];
        t_current = this;
    }

    /// <summary>Opens a scope on this thread.</summary>
    public static DeviceScope Begin() => new(suspended: false);

    /// <summary>
    /// Opens a region in which nothing is tracked: tensors created in it belong to no scope and live until
    /// collected, as outside every scope. For work inside a scope whose results must outlive it and cannot
    /// all be named to <see cref="Keep"/> (an optimizer's new parameters and its private state).
    /// </summary>
    public static DeviceScope Suspend() => new(suspended: true);

    /// <summary>Exempts a tensor's storage from this scope (moving it to the enclosing scope) and returns the tensor.</summary>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Storage is IDisposable owned && _owned is { } list)
        {
            var at = list.LastIndexOf(owned);
            if (at >= 0)
            {
                list.RemoveAt(at);
                _outer?.Add(owned);
            }
        }
        return tensor;
    }

    /// <summary>
    /// Makes the scope responsible for a tensor created elsewhere (typically the previous step's
    /// parameters, replaced in this step): its memory returns to the pool when the scope ends, and the
    /// tensor cannot be read after that. Only for tensors the caller knows nobody else holds.
    /// </summary>
    public Tensor Own(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Storage is IDisposable owned && _owned is { } list && !list.Contains(owned))
        {
            list.Add(owned);
        }
        return tensor;
    }

    /// <summary>Returns the memory of every tensor created in the scope and not kept.</summary>
    public void Dispose()
    {
        if (t_current == this)
        {
            t_current = _outer;
        }
        if (_owned is not { } list)
        {
            return;
        }
        _owned = null;
        foreach (var owned in list)
        {
            owned.Dispose();
        }
        list.Clear();
        (t_spareLists ??= new Stack<List<IDisposable>>()).Push(list);
    }

    /// <summary>Registers new storage with the innermost open scope of this thread (none inside <see cref="Suspend"/>).</summary>
    internal static void Track(IDisposable storage) => t_current?.Add(storage);

    private void Add(IDisposable storage)
    {
        if (_owned is { } list)
        {
            list.Add(storage);
        }
        else if (!_suspended)
        {
            _outer?.Add(storage);
        }
    }
}
