namespace Scratch;

public sealed partial class Shape
{
    // A power of two: the slot is the low bits of the sizes' hash.
    private const int RecentSlots = 64;

    // Per thread, so that no lock is taken; a shape found here may be used on any thread (shapes are immutable, and the
    // contiguous layout they cache is computed the same by whichever thread asks first).
    [ThreadStatic]
    private static Shape?[]? t_recent;

    /// <summary>
    /// The shape of sizes <paramref name="dims"/> most recently made on this thread, if it is still in its slot, else
    /// a new one over the array (which then takes the slot). The ops of a training or attack step make the same output
    /// shapes at every step: each would otherwise allocate a shape and, at its first use as a contiguous tensor, its
    /// strides and layout again. Shapes compare by value, so which object an op receives is not observable.
    /// </summary>
    private static Shape Recent(int[] dims)
    {
        var recent = t_recent ??= new Shape?[RecentSlots];
        var hash = dims.Length;
        foreach (var d in dims)
        {
            hash = hash * 31 + d;
        }
        ref var slot = ref recent[hash & (RecentSlots - 1)];
        if (slot is { } found && found._dims.AsSpan().SequenceEqual(dims))
        {
            return found;
        }
        return slot = new Shape(dims);
    }
}
