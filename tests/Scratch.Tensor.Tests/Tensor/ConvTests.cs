using Scratch.Tests.Support;

namespace Scratch.Tests;

public class ConvTests
{
    public static IEnumerable<object[]> Geometries() =>
    [
        [new[] { 2, 1, 28, 28 }, new[] { 4, 1, 5, 5 }, 1, 0],
        [new[] { 3, 3, 9, 7 }, new[] { 5, 3, 3, 3 }, 2, 1],
        [new[] { 1, 2, 6, 6 }, new[] { 2, 2, 3, 2 }, 1, 2],
    ];

    // Sums of C·KH·KW ≤ 27 float products: a few ulp of the output scale.
    [Theory]
    [MemberData(nameof(Geometries))]
    public void Conv2d_ForwardAndBackward_ThroughTensorApi_MatchReference(int[] xShape, int[] wShape, int stride, int pad)
    {
        var x = SampleTensors.Make(xShape, LayoutKind.Transposed, seed: 1);
        var w = SampleTensors.Make(wShape, LayoutKind.Contiguous, seed: 2);
        var b = SampleTensors.Make([wShape[0]], LayoutKind.Contiguous, seed: 3);
        var y = Tensor.Conv2d(x, w, b, (stride, stride), (pad, pad));
        BackendParity.Check((p, q) => Tensor.Conv2d(p, q, b.To(p.Device), (stride, stride), (pad, pad)), x, w, rtol: 1e-5, atol: 1e-5);
        var gy = SampleTensors.Make(y.Shape.ToArray(), LayoutKind.Offset, seed: 4);
        BackendParity.Check((g, q) => Tensor.Conv2dBackwardInput(g, q, x.Shape, (stride, stride), (pad, pad)), gy, w, rtol: 1e-5, atol: 1e-5);
        BackendParity.Check((p, g) => Tensor.Conv2dBackwardWeight(p, g, w.Shape, (stride, stride), (pad, pad)), x, gy, rtol: 1e-5, atol: 1e-4);
    }

    [Fact]
    public void Pooling_ForwardAndBackward_ThroughTensorApi_MatchReference()
    {
        var x = SampleTensors.Make([2, 3, 8, 7], LayoutKind.Broadcast, seed: 5);
        var (y, argmax) = Tensor.MaxPool2d(x, (2, 2));
        BackendParity.Check(t => Tensor.MaxPool2d(t, (3, 2), (2, 1), (1, 1)).Output, x);
        BackendParity.Check(t => Tensor.AvgPool2d(t, (2, 3), (2, 2), (1, 1)), x);
        var gy = SampleTensors.Make(y.Shape.ToArray(), LayoutKind.Contiguous, seed: 6);
        BackendParity.Check((g, a) => Tensor.MaxPool2dBackward(g, a, x.Shape, (2, 2)), gy, argmax);
        BackendParity.Check(g => Tensor.AvgPool2dBackward(g, x.Shape, (2, 2)), gy);
        Assert.Equal(new Shape(2, 3, 4, 3), y.Shape);
        Assert.Equal(DType.Int32, argmax.DType);
    }

    [Fact]
    public void Conv2d_ChannelMismatch_ErrorNamesShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Conv2d(Tensor.Zeros([1, 3, 8, 8]), Tensor.Zeros([4, 2, 3, 3])));
        Assert.Contains("[1, 3, 8, 8]", e.Message);
        Assert.Contains("[4, 2, 3, 3]", e.Message);
    }

    [Fact]
    public void Conv2d_KernelLargerThanInput_ErrorNamesField()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Conv2d(Tensor.Zeros([1, 1, 4, 4]), Tensor.Zeros([1, 1, 5, 5])));
        Assert.Contains("KernelHeight", e.Message);
    }
}
