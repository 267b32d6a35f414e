using Scratch.Tests.Support;
using static Scratch.Tests.Gpu.GpuTestDevices;

namespace Scratch.Tests.Gpu;

[Collection("gpu")]
public sealed class GpuReduceTests
{
    private static readonly int[][] AxisSets = [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2]];

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void Reduce_EveryOpAxesAndLayout_MatchesCpu(string device)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var (rtol, atol) = Tolerance(dtype);
            foreach (var kind in RandomTensors.AllKinds)
            {
                foreach (var axes in AxisSets)
                {
                    AgreesWithCpu(device, d => In(d, [3, 4, 5], kind, 1, dtype).Sum(axes), rtol, atol);
                    AgreesWithCpu(device, d => In(d, [3, 4, 5], kind, 2, dtype).Mean(axes, keepDim: true), rtol, atol);
                    AgreesWithCpu(device, d => In(d, [3, 4, 5], kind, 3, dtype).Max(axes), rtol, atol);
                    AgreesWithCpu(device, d => In(d, [3, 4, 5], kind, 4, dtype).Min(axes), rtol, atol);
                    AgreesWithCpu(device, d => In(d, [3, 4, 5], kind, 5, dtype).LogSumExp(axes), rtol, atol);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void Reduce_LongRowsAndEmptyAxes_MatchCpu(string device)
    {
        // A row much longer than a thread group: every thread folds many elements before the tree.
        AgreesWithCpu(device, d => In(d, [2, 1000], RandomTensors.Kind.Contiguous, 1, DType.Float32).Sum(1), 1e-4, 1e-4);
        AgreesWithCpu(device, d => In(d, [1000, 3], RandomTensors.Kind.Transposed, 2, DType.Float64).LogSumExp(0), 1e-12, 1e-12);
        AgreesWithCpu(device, d => In(d, [0, 3], RandomTensors.Kind.Contiguous, 3, DType.Float32).Sum(0));
        AgreesWithCpu(device, d => In(d, [0, 3], RandomTensors.Kind.Contiguous, 3, DType.Float32).Mean(0));
        AgreesWithCpu(device, d => In(d, [0, 3], RandomTensors.Kind.Contiguous, 3, DType.Float32).LogSumExp(0));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void Reduce_NaNAndInfinity_FollowCpuPolicy(string device)
    {
        Tensor Special(Device d) => Tensor.FromArray([1f, float.NaN, 2f, float.PositiveInfinity, 1f, 3f, float.NegativeInfinity, float.NegativeInfinity], 4, 2).To(d);
        AgreesWithCpu(device, d => Special(d).Max(1));
        AgreesWithCpu(device, d => Special(d).Min(1));
        AgreesWithCpu(device, d => Special(d).LogSumExp(1));
        AgreesWithCpu(device, d => Special(d).ArgMax(1));
        AgreesWithCpu(device, d => Special(d).ArgMin(1));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void ArgMaxArgMin_TiesTakeFirstIndex_MatchCpu(string device)
    {
        foreach (var kind in RandomTensors.AllKinds)
        {
            foreach (var axis in new[] { 0, 1, 2 })
            {
                // Values rounded to a few levels so that ties are common.
                Tensor Coarse(Device d) => In(d, [3, 40, 5], kind, axis, DType.Float64, -2, 2).Clamp(-1, 1).To(DType.Int32).To(DType.Float32);
                AgreesWithCpu(device, d => Coarse(d).ArgMax(axis));
                AgreesWithCpu(device, d => Coarse(d).ArgMin(axis, keepDim: true));
                AgreesWithCpu(device, d => In(d, [3, 40, 5], kind, 9, DType.Float64).ArgMax(axis));
            }
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void SoftmaxAndLogSoftmax_EveryAxisAndLayout_MatchCpu(string device)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var (rtol, atol) = Tolerance(dtype);
            foreach (var kind in RandomTensors.AllKinds)
            {
                foreach (var axis in new[] { 0, 1, 2 })
                {
                    AgreesWithCpu(device, d => In(d, [3, 4, 5], kind, 1, dtype, -10, 10).Softmax(axis), rtol, atol);
                    AgreesWithCpu(device, d => In(d, [3, 4, 5], kind, 2, dtype, -10, 10).LogSoftmax(axis), rtol, atol);
                }
            }
            AgreesWithCpu(device, d => In(d, [2, 700], RandomTensors.Kind.Offset, 3, dtype, -30, 30).LogSoftmax(1), rtol, atol);
        }
    }
}
