using Scratch.Tests.Support;
using static Scratch.Tests.Gpu.GpuTestDevices;

namespace Scratch.Tests.Gpu;

[Collection("gpu")]
public sealed class GpuMatMulTests
{
    // m < k, k < n, sizes that are not multiples of any tile, one-element and tile-sized cases, and k = 0.
    public static TheoryData<string, int, int, int> Sizes()
    {
        var data = new TheoryData<string, int, int, int>();
        int[][] sizes = [[1, 1, 1], [3, 37, 5], [17, 3, 29], [33, 20, 47], [16, 16, 16], [64, 64, 64], [70, 9, 65], [2, 0, 3]];
        foreach (var device in Names)
        {
            foreach (var s in sizes)
            {
                data.Add(device, s[0], s[1], s[2]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MatMul_Sizes_MatchCpu(string device, int m, int k, int n)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var (rtol, atol) = Tolerance(dtype);
            AgreesWithCpu(device, d => Tensor.MatMul(In(d, [m, k], RandomTensors.Kind.Contiguous, 1, dtype), In(d, [k, n], RandomTensors.Kind.Contiguous, 2, dtype)), rtol * 10, atol * 10);
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void MatMul_TransposedOffsetAndBroadcastBatches_MatchCpu(string device)
    {
        foreach (var ka in RandomTensors.AllKinds)
        {
            foreach (var kb in RandomTensors.AllKinds)
            {
                AgreesWithCpu(device, d => Tensor.MatMul(In(d, [2, 19, 11], ka, 1, DType.Float32), In(d, [2, 11, 21], kb, 2, DType.Float32)), 1e-4, 1e-4);
            }
        }
        // [2, 3, m, k] @ [k, n]: the right operand's batch is broadcast (stride 0), read in place.
        AgreesWithCpu(device, d => Tensor.MatMul(In(d, [2, 3, 5, 7], RandomTensors.Kind.Transposed, 3, DType.Float64), In(d, [7, 9], RandomTensors.Kind.Offset, 4, DType.Float64)), 1e-12, 1e-12);
        AgreesWithCpu(device, d => Tensor.MatMul(In(d, [7], RandomTensors.Kind.Contiguous, 5, DType.Float32), In(d, [3, 7, 4], RandomTensors.Kind.Broadcast, 6, DType.Float32)), 1e-4, 1e-4);
        AgreesWithCpu(device, d => Tensor.MatMul(In(d, [4, 7], RandomTensors.Kind.Contiguous, 7, DType.Float32), In(d, [7], RandomTensors.Kind.Offset, 8, DType.Float32)), 1e-4, 1e-4);
    }
}
