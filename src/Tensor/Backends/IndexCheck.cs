namespace Scratch.Backends;

/// <summary>Checks index tensors before a kernel uses them, so a bad label is a clear error, not an IndexOutOfRange.</summary>
internal static class IndexCheck
{
    /// <summary>Throws when an index lies outside [0, bound).</summary>
    public static void InRange(ReadOnlySpan<int> indices, int bound, string op, string argument)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)bound)
            {
                throw new ArgumentOutOfRangeException(argument, indices[i],
                    $"{op}: {argument} value {indices[i]} at flat position {i} is out of range; expected 0..{bound - 1}");
            }
        }
    }
}
