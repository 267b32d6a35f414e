namespace Scratch.Nn;

/// <summary>
/// A region in which every <see cref="Parameter"/> reads as a constant over its current value, so a
/// forward records only the path to its input (an attack's gradient w.r.t. x) and never a path to the
/// weights. The flag is an <see cref="AsyncLocal{T}"/>, like the no-grad scope: it belongs to the current
/// thread and flows into tasks started inside it. Scopes nest; disposing one restores the state it found.
/// Create one with <see cref="Parameter.Freeze"/>.
/// </summary>
public sealed class FrozenParameters : IDisposable
{
    private static readonly AsyncLocal<bool> Active = new();
    private readonly bool _previous;
    private bool _disposed;

    internal FrozenParameters()
    {
        _previous = Active.Value;
        Active.Value = true;
    }

    internal static bool IsActive => Active.Value;

    /// <summary>Ends the scope: parameters read as they did when the scope began.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            Active.Value = _previous;
            _disposed = true;
        }
    }
}
