using Scratch.Diagnostics;
using Xunit;

namespace Scratch.Tests.Support;

/// <summary>Runs an op on the CPU backend (with the input's view as given) and on the reference backend, and compares.</summary>
public static class BackendParity
{
    /// <summary>Shapes with the sizes 1, 7, 33 and 257 in various ranks.</summary>
    public static readonly int[][] Shapes =
    [
        [1], [7], [33], [257], [7, 33], [33, 7], [1, 257], [3, 1, 7], [2, 3, 4, 5], [4, 257],
    ];

    /// <summary>Every (shape, layout kind) pair.</summary>
    public static IEnumerable<object[]> ShapesAndKinds() =>
        from s in Shapes from k in SampleTensors.AllKinds select new object[] { s, k };

    /// <summary>Asserts op(input) on the CPU equals op(input) on the reference backend within tolerance.</summary>
    public static void Check(Func<Tensor, Tensor> op, Tensor input, double rtol = 2e-6, double atol = 1e-6)
    {
        var expected = op(input.To(Device.Reference));
        var actual = op(input);
        Assert.Equal(Device.Cpu, actual.Device);
        TensorAssert.Close(expected, actual, rtol, atol);
    }

    /// <summary>Two-input form of <see cref="Check(Func{Tensor, Tensor}, Tensor, double, double)"/>.</summary>
    public static void Check(Func<Tensor, Tensor, Tensor> op, Tensor a, Tensor b, double rtol = 2e-6, double atol = 1e-6)
    {
        var expected = op(a.To(Device.Reference), b.To(Device.Reference));
        var actual = op(a, b);
        TensorAssert.Close(expected, actual, rtol, atol);
    }
}
