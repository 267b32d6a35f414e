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
    public void Owned_SameSizesOnOneThread_ShareOneShapeAndItsLayout()
    {
        // An op's output shape of the previous step is found again: one Shape object, its contiguous layout made once.
        var first = Shape.Owned([7, 3, 11]);
        var again = Shape.Owned([7, 3, 11]);
        Assert.Same(first, again);
        Assert.Same(Layout.Contiguous(first), Layout.Contiguous(again));
    }

    [Fact]
    public void Owned_ManyShapesSharingSlots_EachKeepsItsOwnSizes()
    {
        // Far more shapes than slots, made and checked on several threads: a shape from a slot must always have the
        // sizes asked for (never another one that hashes to the same slot), and shapes from other threads stay valid.
        var made = new System.Collections.Concurrent.ConcurrentBag<(int[] Dims, Shape Shape)>();
        Parallel.For(0, 4, t =>
        {
            var random = new Random(t);
            for (var i = 0; i < 3000; i++)
            {
                var dims = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(0, 6)).ToArray();
                var shape = Shape.Owned((int[])dims.Clone());
                Assert.Equal(dims, shape.ToArray());
                Assert.Equal(dims.Aggregate(1, (p, d) => p * d), shape.ElementCount);
                made.Add((dims, shape));
            }
        });
        foreach (var (dims, shape) in made)
        {
            Assert.Equal(dims, shape.ToArray());
            Assert.Equal(Layout.Contiguous(shape).Strides.ToArray(), shape.ContiguousStrides());
        }
    }

    [Fact]
    public void Owned_NegativeSize_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Shape.Owned([4, -2]));
        Assert.Contains("-2", e.Message);
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
