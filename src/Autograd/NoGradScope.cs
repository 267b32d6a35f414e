namespace Scratch.Autograd;

/// <summary>
/// A region in which ops record nothing on the tape (evaluation, attack updates, optimizer steps).
/// The flag is an <see cref="AsyncLocal{T}"/>: it belongs to the current thread and flows into tasks
/// started inside the scope, so two threads never see each other's scopes. Scopes nest; disposing one
/// restores the state it found. Create one with <see cref="Autodiff.NoGrad"/>.
/// </summary>
public sealed class NoGradScope : IDisposable
{
    private static readonly AsyncLocal<bool> Disabled = new();
    private readonly bool _previous;
    private bool _disposed;

    internal NoGradScope()
    {
        _previous = Disabled.Value;
        Disabled.Value = true;
    }

    internal static bool IsActive => Disabled.Value;

    /// <summary>Ends the scope: recording is as it was when the scope began.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            Disabled.Value = _previous;
            _disposed = true;
        }
    }
}
