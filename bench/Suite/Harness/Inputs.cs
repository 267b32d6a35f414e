namespace Scratch.BenchSuite.Harness;

/// <summary>
/// The inputs every engine reads, from a formula that C# and Python evaluate to the same bits:
/// element i of stream s is ((i + 1000003·s)·2654435761 mod 2³²) / 2³² − 0.5, a value in [−0.5, 0.5).
/// bench/pytorch/suite.py's <c>values</c> is the same function.
/// </summary>
public static class Inputs
{
    /// <summary>The formula's value for element <paramref name="i"/> of stream <paramref name="stream"/>.</summary>
    public static double Value(long i, int stream) =>
        (double)(((ulong)(i + 1000003L * stream) * 2654435761UL) & 0xFFFF_FFFFUL) / 4294967296.0 - 0.5;

    /// <summary>n float32 values of a stream, scaled.</summary>
    public static float[] Floats(long n, int stream, double scale = 1.0)
    {
        var data = new float[n];
        for (long i = 0; i < n; i++)
        {
            data[i] = (float)(Value(i, stream) * scale);
        }
        return data;
    }

    /// <summary>n float64 values of a stream, scaled.</summary>
    public static double[] Doubles(long n, int stream, double scale = 1.0)
    {
        var data = new double[n];
        for (long i = 0; i < n; i++)
        {
            data[i] = Value(i, stream) * scale;
        }
        return data;
    }

    /// <summary>n pixels in [0, 1): the stream shifted by one half.</summary>
    public static float[] Pixels(long n, int stream)
    {
        var data = Floats(n, stream);
        for (long i = 0; i < n; i++)
        {
            data[i] += 0.5f;
        }
        return data;
    }

    /// <summary>n labels in [0, classes): ⌊(value + 0.5)·classes⌋.</summary>
    public static int[] Labels(long n, int stream, int classes)
    {
        var data = new int[n];
        for (long i = 0; i < n; i++)
        {
            data[i] = Math.Min(classes - 1, (int)((Value(i, stream) + 0.5) * classes));
        }
        return data;
    }
}
