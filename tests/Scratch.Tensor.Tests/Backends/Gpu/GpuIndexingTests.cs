using Scratch.Tests.Support;
using static Scratch.Tests.Gpu.GpuTestDevices;

namespace Scratch.Tests.Gpu;

[Collection("gpu")]
public sealed class GpuIndexingTests
{
    private static Tensor Labels(Device d, int[] shape, int bound, int seed) =>
        In(d, shape, RandomTensors.Kind.Contiguous, seed, DType.Float64, 0, bound - 1e-9).To(DType.Int32);

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void Gather_EveryAxisLayoutAndDtype_MatchesCpu(string device)
    {
        foreach (var kind in RandomTensors.AllKinds)
        {
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                AgreesWithCpu(device, d => In(d, [4, 6], kind, 1, dtype).Gather(1, Labels(d, [4, 3], 6, 2)));
                AgreesWithCpu(device, d => In(d, [4, 6], kind, 3, dtype).Gather(0, Labels(d, [2, 6], 4, 4)));
            }
            AgreesWithCpu(device, d => In(d, [4, 6], kind, 5, DType.Float64, -9, 9).To(DType.Int32).Gather(1, Labels(d, [4, 1], 6, 6)));
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void ScatterAdd_RepeatedIndices_MatchesCpu(string device)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var (rtol, atol) = Tolerance(dtype);
            AgreesWithCpu(device, d => Tensor.ScatterAdd([4, 3], 1, Labels(d, [4, 8], 3, 1), In(d, [4, 8], RandomTensors.Kind.Offset, 2, dtype)), rtol, atol);
            AgreesWithCpu(device, d => Tensor.ScatterAdd([5, 6], 0, Labels(d, [9, 6], 5, 3), In(d, [9, 6], RandomTensors.Kind.Transposed, 4, dtype)), rtol, atol);
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void ScatterAdd_ThreeDimensions_EqualsCpuBitForBit(string device)
    {
        // Seven sources per row land on three targets along the middle axis: every target sums several values,
        // in the CPU's order (the kernel is a gather without atomics), so the bits agree.
        Tensor Scatter(Device d) => Tensor.ScatterAdd([2, 3, 4], 1, Labels(d, [2, 7, 4], 3, 11), In(d, [2, 7, 4], RandomTensors.Kind.Transposed, 12, DType.Float32));
        var gpu = Scatter(Device.Parse(device)).To(Device.Cpu).ToArray<float>();
        var cpu = Scatter(Device.Cpu).ToArray<float>();
        Assert.Equal(cpu.Select(BitConverter.SingleToInt32Bits), gpu.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void ScatterAdd_IndexOutOfRange_SameErrorAsCpu(string device)
    {
        string Message(Device d) => Assert.Throws<ArgumentOutOfRangeException>(() =>
            Tensor.ScatterAdd([2, 2], 1, Tensor.FromArray([0, 1, 2, 0], 2, 2).To(d), Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2).To(d))).Message;
        Assert.Equal(Message(Device.Cpu), Message(Device.Parse(device)));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void OneHotAndConcat_MatchCpu(string device)
    {
        AgreesWithCpu(device, d => Tensor.OneHot(Labels(d, [7], 10, 1), 10));
        AgreesWithCpu(device, d => Tensor.OneHot(Labels(d, [2, 3], 4, 2), 4, DType.Float64));
        foreach (var axis in new[] { 0, 1 })
        {
            AgreesWithCpu(device, d => Tensor.Concat([
                In(d, [3, 4], RandomTensors.Kind.Transposed, 3, DType.Float32),
                In(d, [3, 4], RandomTensors.Kind.Offset, 4, DType.Float32),
                In(d, [3, 4], RandomTensors.Kind.Broadcast, 5, DType.Float32)], axis));
        }
        AgreesWithCpu(device, d => Tensor.Concat([Labels(d, [2, 2], 5, 6), Labels(d, [0, 2], 5, 7), Labels(d, [1, 2], 5, 8)], 0));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
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
