namespace Scratch.Tests;

public class ShapeAndLayoutTests
{
    [Fact]
    public void Broadcast_FollowsNumPyRules()
    {
        Assert.Equal(new Shape(4, 3, 5), Shape.Broadcast([3, 1], [4, 1, 5], "t"));
        Assert.Equal(new Shape(2), Shape.Broadcast([], [2], "t"));
        var e = Assert.Throws<ArgumentException>(() => Shape.Broadcast([2, 3], [3, 2], "myop"));
        Assert.Contains("myop", e.Message);
    }

    [Fact]
    public void Shape_NegativeSize_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Shape(2, -1));
        Assert.Contains("-1", e.Message);
    }

    [Fact]
    public void ContiguousStrides_AreRowMajor()
    {
        Assert.Equal(new[] { 12, 4, 1 }, new Shape(2, 3, 4).ContiguousStrides());
    }

    [Fact]
    public void TryReshape_NonMergeableDimensions_ReturnsNull()
    {
        var t = Layout.Contiguous([3, 4]).Transpose(0, 1);
        Assert.Null(t.TryReshape([12]));
        var split = t.TryReshape([2, 2, 3]);
        Assert.NotNull(split);
        Assert.Equal(new[] { 2, 1, 4 }, split!.Strides.ToArray());
    }

    [Fact]
    public void Layout_IsContiguous_IgnoresSizeOneStrides()
    {
        Assert.True(new Layout([1, 4], [99, 1], 0).IsContiguous);
        Assert.False(new Layout([2, 4], [5, 1], 0).IsContiguous);
    }

    [Fact]
    public void Device_Parse_RoundTrips_AndRejectsUnknown()
    {
        Assert.Equal(Device.Cpu, Device.Parse("CPU"));
        Assert.Equal(new Device(DeviceKind.Cuda, 1), Device.Parse("cuda:1"));
        Assert.Equal("ilgpu-cpu:0", Device.Parse("ilgpu-cpu").ToString());
        var e = Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
        Assert.Contains("tpu", e.Message);
    }

    [Fact]
    public void UnavailableDevice_ErrorListsAvailableDevices()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2], device: new Device(DeviceKind.Cuda, 3)));
        Assert.Contains("cuda:3", e.Message);
        Assert.Contains("cpu", e.Message);
    }
}
