using Scratch.Tests.Support;
using static Scratch.Tests.Gpu.GpuTestDevices;

namespace Scratch.Tests.Gpu;

[Collection("gpu")]
public sealed class GpuConvTests
{
    // (input shape, weight shape, stride, padding): a LeNet-like layer, a strided padded one, a padding wider than the kernel.
    private static readonly (int[] X, int[] W, int Stride, int Pad)[] Geometries =
    [
        ([2, 1, 12, 12], [4, 1, 5, 5], 1, 0),
        ([3, 3, 9, 7], [5, 3, 3, 3], 2, 1),
        ([1, 2, 6, 6], [2, 2, 3, 2], 1, 2),
    ];

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void Conv2d_ForwardAndBothBackwards_MatchCpu(string device)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var (rtol, atol) = Tolerance(dtype);
            foreach (var (xs, ws, s, p) in Geometries)
            {
                var outShape = Tensor.Conv2d(Tensor.Zeros(xs), Tensor.Zeros(ws), null, (s, s), (p, p)).Shape.ToArray();
                AgreesWithCpu(device, d => Tensor.Conv2d(In(d, xs, RandomTensors.Kind.Transposed, 1, dtype), In(d, ws, RandomTensors.Kind.Contiguous, 2, dtype),
                    In(d, [ws[0]], RandomTensors.Kind.Offset, 3, dtype), (s, s), (p, p)), rtol * 5, atol * 5);
                AgreesWithCpu(device, d => Tensor.Conv2dBackwardInput(In(d, outShape, RandomTensors.Kind.Offset, 4, dtype), In(d, ws, RandomTensors.Kind.Contiguous, 2, dtype),
                    new Shape(xs), (s, s), (p, p)), rtol * 5, atol * 5);
                AgreesWithCpu(device, d => Tensor.Conv2dBackwardWeight(In(d, xs, RandomTensors.Kind.Contiguous, 1, dtype), In(d, outShape, RandomTensors.Kind.Offset, 4, dtype),
                    new Shape(ws), (s, s), (p, p)), rtol * 50, atol * 50);
            }
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void Pooling_ForwardAndBackward_MatchCpu(string device)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            Tensor X(Device d) => In(d, [2, 3, 8, 7], RandomTensors.Kind.Broadcast, 5, dtype);
            AgreesWithCpu(device, d => Tensor.MaxPool2d(X(d), (3, 2), (2, 1), (1, 1)).Output);
            AgreesWithCpu(device, d => Tensor.MaxPool2d(X(d), (3, 2), (2, 1), (1, 1)).Argmax);
            AgreesWithCpu(device, d => Tensor.AvgPool2d(X(d), (2, 3), (2, 2), (1, 1)));
            AgreesWithCpu(device, d =>
            {
                var (y, argmax) = Tensor.MaxPool2d(X(d), (2, 2));
                return Tensor.MaxPool2dBackward(In(d, y.Shape.ToArray(), RandomTensors.Kind.Offset, 6, dtype), argmax, new Shape(2, 3, 8, 7), (2, 2));
            });
            AgreesWithCpu(device, d => Tensor.AvgPool2dBackward(In(d, [2, 3, 5, 4], RandomTensors.Kind.Transposed, 7, dtype), new Shape(2, 3, 8, 7), (2, 3), (2, 2), (1, 1)));
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void MaxPoolBackward_OverlappingWindows_EqualsCpuBitForBit(string device)
    {
        // 3×2 windows with stride (2, 1) and padding: most inputs are the maximum of several windows, so their
        // gradient is a sum; the kernel adds in the CPU's order, without atomics, so the bits agree.
        Tensor Backward(Device d)
        {
            var x = In(d, [2, 3, 8, 7], RandomTensors.Kind.Contiguous, 8, DType.Float32);
            var (y, argmax) = Tensor.MaxPool2d(x, (3, 2), (2, 1), (1, 1));
            var gy = In(d, y.Shape.ToArray(), RandomTensors.Kind.Contiguous, 9, DType.Float32);
            return Tensor.MaxPool2dBackward(gy, argmax, x.Shape, (3, 2), (2, 1), (1, 1));
        }
        var gpu = Backward(Device.Parse(device)).To(Device.Cpu).ToArray<float>();
        var cpu = Backward(Device.Cpu).ToArray<float>();
        Assert.Equal(cpu.Select(BitConverter.SingleToInt32Bits), gpu.Select(BitConverter.SingleToInt32Bits));
    }
}
