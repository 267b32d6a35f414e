namespace Scratch.Backends.Gpu.Kernels;

/// <summary>
/// A layout as a kernel parameter: up to <see cref="MaxRank"/> dimensions in a fixed-size value type
/// (kernels take structs, never arrays), stored innermost first. <see cref="At"/> maps a row-major
/// flat position to a storage index; a contiguous view collapses to rank 1 and costs one multiply.
/// </summary>
internal struct StridedView
{
    /// <summary>The most dimensions a view can keep after collapsing.</summary>
    public const int MaxRank = 8;

    public int Rank;
    public int Offset;
    public int D0, D1, D2, D3, D4, D5, D6, D7;
    public int S0, S1, S2, S3, S4, S5, S6, S7;

    /// <summary>The storage index of row-major position <paramref name="flat"/>; the outermost dimension needs no modulo.</summary>
    public readonly int At(int flat)
    {
        var at = Offset;
        var r = flat;
        if (Rank == 0) return at;
        if (Rank == 1) return at + r * S0;
        at += r % D0 * S0; r /= D0;
        if (Rank == 2) return at + r * S1;
        at += r % D1 * S1; r /= D1;
        if (Rank == 3) return at + r * S2;
        at += r % D2 * S2; r /= D2;
        if (Rank == 4) return at + r * S3;
        at += r % D3 * S3; r /= D3;
        if (Rank == 5) return at + r * S4;
        at += r % D4 * S4; r /= D4;
        if (Rank == 6) return at + r * S5;
        at += r % D5 * S5; r /= D5;
        if (Rank == 7) return at + r * S6;
        at += r % D6 * S6; r /= D6;
        return at + r * S7;
    }

    /// <summary>A view from outermost-first dims and strides (already collapsed).</summary>
    public static StridedView Of(ReadOnlySpan<int> dims, ReadOnlySpan<int> strides, int offset)
    {
        if (dims.Length > MaxRank)
        {
            throw new NotSupportedException(
                $"GPU kernels take views of at most {MaxRank} non-mergeable dimensions; this one has {dims.Length} (dims [{string.Join(", ", dims.ToArray())}]). Call Contiguous() first.");
        }
        var v = new StridedView { Rank = dims.Length, Offset = offset };
        Span<int> d = stackalloc int[MaxRank];
        Span<int> s = stackalloc int[MaxRank];
        for (var i = 0; i < dims.Length; i++)
        {
            d[i] = dims[dims.Length - 1 - i];
            s[i] = strides[dims.Length - 1 - i];
        }
        (v.D0, v.D1, v.D2, v.D3, v.D4, v.D5, v.D6, v.D7) = (d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
        (v.S0, v.S1, v.S2, v.S3, v.S4, v.S5, v.S6, v.S7) = (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
        return v;
    }
}
