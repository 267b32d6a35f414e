namespace Scratch.Tests.Gpu;

/// <summary>Index errors on a GPU-kind device: the same message as on the CPU, raised before a kernel runs.</summary>
[Collection("gpu")]
public sealed class GpuIndexingTests
{
    [Theory]
    [MemberData(nameof(GpuTestDevices.All), MemberType = typeof(GpuTestDevices))]
    public void ScatterAdd_IndexOutOfRange_SameErrorAsCpu(string device)
    {
        string Message(Device d) => Assert.Throws<ArgumentOutOfRangeException>(() =>
            Tensor.ScatterAdd([2, 2], 1, Tensor.FromArray([0, 1, 2, 0], 2, 2).To(d), Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2).To(d))).Message;
        Assert.Equal(Message(Device.Cpu), Message(Device.Parse(device)));
    }

    [Theory]
    [MemberData(nameof(GpuTestDevices.All), MemberType = typeof(GpuTestDevices))]
    public void Gather_IndexOutOfRange_SameErrorAsCpu(string device)
    {
        string Message(Device d) => Assert.Throws<ArgumentOutOfRangeException>(() =>
            Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2).To(d).Gather(1, Tensor.FromArray([0, 1, 2, 0], 2, 2).To(d))).Message;
        Assert.Equal(Message(Device.Cpu), Message(Device.Parse(device)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.OneHot(Tensor.FromArray([0, 5]).To(Device.Parse(device)), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Tensor.ScatterAdd([2], 0, Tensor.FromArray([-1]).To(Device.Parse(device)), Tensor.FromArray([1f]).To(Device.Parse(device))));
    }
}
