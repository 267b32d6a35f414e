using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scratch.Optim;

/// <summary>
/// Loads and stores of <see cref="Vector{T}"/> lanes at position i of a span, padding the last partial vector
/// with zeros, so that a fused update kernel writes its formula once and runs it over any length. The full-vector
/// case is inlined; the partial one (once per call, at the end) lives in its own method, because a method that
/// uses stackalloc is never inlined.
/// </summary>
internal static class Lanes
{
    /// <summary>Elements i .. i + Vector&lt;T&gt;.Count − 1 of <paramref name="source"/>; lanes past its end are 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load<T>(ReadOnlySpan<T> source, int i) where T : unmanaged =>
        source.Length - i >= Vector<T>.Count
            ? Vector.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)i)
            : LoadPartial(source, i);

    /// <summary>Writes the lanes of <paramref name="value"/> that fall inside <paramref name="target"/> from position i on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector<T> value, Span<T> target, int i) where T : unmanaged
    {
        if (target.Length - i >= Vector<T>.Count)
        {
            value.StoreUnsafe(ref MemoryMarshal.GetReference(target), (nuint)i);
        }
        else
        {
            StorePartial(value, target, i);
        }
    }

    private static Vector<T> LoadPartial<T>(ReadOnlySpan<T> source, int i) where T : unmanaged
    {
        Span<T> padded = stackalloc T[Vector<T>.Count];
        padded.Clear();
        source[i..].CopyTo(padded);
        return new Vector<T>(padded);
    }

    private static void StorePartial<T>(Vector<T> value, Span<T> target, int i) where T : unmanaged
    {
        Span<T> padded = stackalloc T[Vector<T>.Count];
        value.CopyTo(padded);
        padded[..(target.Length - i)].CopyTo(target[i..]);
    }
}
