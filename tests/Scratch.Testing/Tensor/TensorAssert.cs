using Xunit;

namespace Scratch.Tests.Support;

/// <summary>Element-wise comparison with stated tolerances, reporting the worst element.</summary>
public static class TensorAssert
{
    /// <summary>Asserts equal shapes and |a − e| ≤ atol + rtol·|e| everywhere (NaN must match NaN).</summary>
    public static void Close(Tensor expected, Tensor actual, double rtol = 1e-5, double atol = 1e-6)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = Values(expected);
        var a = Values(actual);
        for (var i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i]) || double.IsNaN(a[i]))
            {
                Assert.True(double.IsNaN(e[i]) && double.IsNaN(a[i]), $"element {i}: expected {e[i]}, got {a[i]}");
                continue;
            }
            if (e[i] == a[i])
            {
                continue;
            }
            Assert.True(Math.Abs(a[i] - e[i]) <= atol + rtol * Math.Abs(e[i]),
                $"element {i} of shape {expected.Shape}: expected {e[i]:R}, got {a[i]:R} (rtol {rtol}, atol {atol})");
        }
    }

    /// <summary>The values of any tensor as doubles, row-major.</summary>
    public static double[] Values(Tensor t) => t.DType switch
    {
        DType.Float32 => Array.ConvertAll(t.ToArray<float>(), v => (double)v),
        DType.Float64 => t.ToArray<double>(),
        _ => Array.ConvertAll(t.ToArray<int>(), v => (double)v),
    };
}
