namespace Scratch.Autograd.Tests.Support;

/// <summary>Element-wise comparison of tensors with stated tolerances, naming the first element out of tolerance.</summary>
public static class Close
{
    /// <summary>Asserts equal shapes and |a − e| ≤ atol + rtol·|e| everywhere.</summary>
    public static void Equal(Tensor expected, Tensor actual, double rtol = 1e-9, double atol = 1e-12)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = Values(expected);
        var a = Values(actual);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - e[i]) <= atol + rtol * Math.Abs(e[i]),
                $"element {i} of shape {expected.Shape}: expected {e[i]:R}, got {a[i]:R} (rtol {rtol}, atol {atol})");
        }
    }

    /// <summary>Asserts the tensor holds exactly these values (row-major).</summary>
    public static void Values(double[] expected, Tensor actual, double atol = 1e-12)
    {
        var a = Values(actual);
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - expected[i]) <= atol, $"element {i}: expected {expected[i]:R}, got {a[i]:R}");
        }
    }

    /// <summary>The values of a float tensor as doubles, row-major.</summary>
    public static double[] Values(Tensor t) => t.DType == DType.Float32
        ? Array.ConvertAll(t.ToArray<float>(), v => (double)v)
        : t.ToArray<double>();
}
