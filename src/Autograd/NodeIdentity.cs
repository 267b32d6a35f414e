namespace Scratch.Autograd;

/// <summary>Nodes compared by identity and hashed by <see cref="Node.HashCode"/>: the key comparer of a backward pass's maps.</summary>
internal sealed class NodeIdentity : IEqualityComparer<Node>
{
    /// <summary>The one instance (the comparer has no state).</summary>
    public static NodeIdentity Instance { get; } = new();

    /// <inheritdoc/>
    public bool Equals(Node? x, Node? y) => ReferenceEquals(x, y);

    /// <inheritdoc/>
    public int GetHashCode(Node node) => node.HashCode;
}
