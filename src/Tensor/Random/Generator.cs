namespace Scratch;

/// <summary>
/// A seeded source of random tensors. It is a (seed, position) pair over the <see cref="Philox"/>
/// stream: each draw takes the next elements of the stream, so a sequence of draws from a generator
/// with the same seed gives the same tensors, bit for bit, on any thread count or device.
/// </summary>
public sealed class Generator
{
    /// <summary>Creates a generator at the start of the stream for <paramref name="seed"/>.</summary>
    public Generator(ulong seed)
    {
        Seed = seed;
    }

    /// <summary>The seed (the Philox key).</summary>
    public ulong Seed { get; }

    /// <summary>How many elements of the stream have been drawn.</summary>
    public ulong Position { get; private set; }

    /// <summary>Reserves the next <paramref name="count"/> elements and returns the position of the first.</summary>
    public ulong Advance(int count)
    {
        var start = Position;
        // Keep every draw block-aligned (4 elements) so a draw's values do not depend on the previous draw's size parity.
        Position += ((ulong)count + 3) / 4 * 4;
        return start;
    }

    /// <summary>A random 64-bit integer (for seeding shuffles and dropout masks).</summary>
    public ulong NextUInt64()
    {
        var (a, b, _, _) = Philox.Block(Seed, Advance(4) / 4);
        return ((ulong)a << 32) | b;
    }

    /// <summary>A uniform integer in [0, bound).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "NextInt: bound must be >= 1");
        }
        return (int)(NextUInt64() % (ulong)bound);
    }

    /// <summary>Fisher–Yates shuffle of <paramref name="items"/>, deterministic for this generator's state.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
