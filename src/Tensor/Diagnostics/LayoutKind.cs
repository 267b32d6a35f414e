namespace Scratch.Diagnostics;

/// <summary>The views a kernel's input can arrive as: every kernel is checked on all four.</summary>
public enum LayoutKind
{
    /// <summary>A fresh row-major tensor.</summary>
    Contiguous,

    /// <summary>The transpose of a row-major tensor (last two dimensions swapped, strides not row-major).</summary>
    Transposed,

    /// <summary>The first dimension broadcast from size 1 (stride 0).</summary>
    Broadcast,

    /// <summary>A narrowed view of a wider tensor: a non-zero offset and a row stride larger than the row.</summary>
    Offset,
}
