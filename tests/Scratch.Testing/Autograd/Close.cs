using Scratch.Tests.Support;
using Xunit;

namespace Scratch.Autograd.Tests.Support;

/// <summary>Checks a gradient against values written out by hand.</summary>
public static class Close
{
    /// <summary>Asserts the tensor holds these values (row-major) to within <paramref name="atol"/>.</summary>
    public static void Values(double[] expected, Tensor actual, double atol = 1e-12)
    {
        var a = TensorAssert.Values(actual);
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - expected[i]) <= atol, $"element {i}: expected {expected[i]:R}, got {a[i]:R}");
        }
    }
}
