namespace Scratch.Backends.Reference;

/// <summary>Row-major multi-index walks for the reference backend: the plainest possible loops.</summary>
internal static class ReferenceIndex
{
    /// <summary>Calls <paramref name="body"/> with every multi-index of <paramref name="shape"/> in row-major order and its flat position.</summary>
    public static void ForEach(Shape shape, Action<int[], int> body)
    {
        var n = shape.ElementCount;
        var index = new int[shape.Rank];
        for (var flat = 0; flat < n; flat++)
        {
            body(index, flat);
            for (var d = shape.Rank - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    /// <summary>The flat row-major position of a multi-index in a shape.</summary>
    public static int Flat(Shape shape, int[] index)
    {
        var flat = 0;
        for (var d = 0; d < shape.Rank; d++)
        {
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }
}
