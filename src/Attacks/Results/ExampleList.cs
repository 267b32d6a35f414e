using System.Collections;
using System.Runtime.CompilerServices;

namespace Scratch.Attacks;

/// <summary>
/// An attack's per-example records in blocks of <see cref="BlockLength"/>, each below the large-object heap's 85,000
/// bytes. One array of a batch's records (1,000 × 112 bytes) would be a fresh large object per batch, and on these VMs
/// every page of a fresh large object is faulted in again (docs/memory.md, "The examples of an attack's result"); a
/// small block comes from memory the collector already holds.
/// </summary>
internal sealed class ExampleList : IReadOnlyList<AdversarialExample>
{
    private const int Shift = 9;

    /// <summary>Records per block: 512 × 112 bytes = 57,344 bytes.</summary>
    internal const int BlockLength = 1 << Shift;

    private readonly AdversarialExample[][] blocks;

    /// <summary>A list of <paramref name="count"/> default records, to be filled through <see cref="At"/>.</summary>
    internal ExampleList(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        blocks = new AdversarialExample[(count + BlockLength - 1) >> Shift][];
        for (var b = 0; b < blocks.Length; b++)
        {
            blocks[b] = new AdversarialExample[Math.Min(BlockLength, count - (b << Shift))];
        }
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public AdversarialExample this[int index] =>
        (uint)index < (uint)Count
            ? blocks[index >> Shift][index & (BlockLength - 1)]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"expected an index in [0, {Count})");

    /// <summary>The record at <paramref name="index"/>, to be written (the index is checked by the array access).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref AdversarialExample At(int index) => ref blocks[index >> Shift][index & (BlockLength - 1)];

    /// <summary>The records of <paramref name="parts"/>, one after the other, in one list.</summary>
    internal static ExampleList Join(IEnumerable<ExampleList> parts)
    {
        var lists = parts.ToArray();
        var joined = new ExampleList(lists.Sum(p => p.Count));
        var at = 0;
        foreach (var block in lists.SelectMany(list => list.blocks))
        {
            joined.Write(at, block);
            at += block.Length;
        }
        return joined;
    }

    // Copies source to positions at, at + 1, ..., across block edges.
    private void Write(int at, ReadOnlySpan<AdversarialExample> source)
    {
        while (!source.IsEmpty)
        {
            var block = blocks[at >> Shift].AsSpan(at & (BlockLength - 1));
            var count = Math.Min(block.Length, source.Length);
            source[..count].CopyTo(block);
            source = source[count..];
            at += count;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<AdversarialExample> GetEnumerator()
    {
        foreach (var block in blocks)
        {
            foreach (var example in block)
            {
                yield return example;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
