using System.Numerics;

namespace Scratch.Optim;

/// <summary>
/// Loads and stores of <see cref="Vector{T}"/> lanes at position i of a span, padding the last partial vector
/// with zeros, so that a fused update kernel writes its formula once and runs it over any length.
/// </summary>
internal static class Lanes
{
    /// <summary>Elements i .. i + Vector&lt;T&gt;.Count − 1 of <paramref name="source"/>; lanes past its end are 0.</summary>
    public static Vector<T> Load<T>(ReadOnlySpan<T> source, int i) where T : unmanaged
    {
        if (source.Length - i >= Vector<T>.Count)
        {
            return new Vector<T>(source[i..]);
        }
        Span<T> padded = stackalloc T[Vector<T>.Count];
        padded.Clear();
        source[i..].CopyTo(padded);
        return new Vector<T>(padded);
    }

    /// <summary>Writes the lanes of <paramref name="value"/> that fall inside <paramref name="target"/> from position i on.</summary>
    public static void Store<T>(Vector<T> value, Span<T> target, int i) where T : unmanaged
    {
        if (target.Length - i >= Vector<T>.Count)
        {
            value.CopyTo(target[i..]);
            return;
        }
        Span<T> padded = stackalloc T[Vector<T>.Count];
        value.CopyTo(padded);
        padded[..(target.Length - i)].CopyTo(target[i..]);
    }
}
