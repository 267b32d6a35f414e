namespace Scratch.Tests.Gpu;

[Collection("gpu")]
public sealed class GpuRandomTests
{
    [Theory]
    [MemberData(nameof(GpuTestDevices.All), MemberType = typeof(GpuTestDevices))]
    public void Uniform_SameBitsAsCpu(string device)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var cpu = Tensor.Rand([7, 13], new Generator(42), dtype);
            var gpu = Tensor.Rand([7, 13], new Generator(42), dtype, Device.Parse(device)).To(Device.Cpu);
            // Philox and the uint → float mapping are integer arithmetic: the streams are identical bit for bit.
            Assert.Equal(Support.TensorAssert.Values(cpu), Support.TensorAssert.Values(gpu));
        }
    }

    [Theory]
    [MemberData(nameof(GpuTestDevices.All), MemberType = typeof(GpuTestDevices))]
    public void Normal_MatchesCpuToTheLastUlps(string device)
    {
        var generator = new Generator(7);
        generator.Advance(5);
        var gpuGenerator = new Generator(7);
        gpuGenerator.Advance(5);
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var cpu = Tensor.Randn([101], generator, dtype);
            var gpu = Tensor.Randn([101], gpuGenerator, dtype, Device.Parse(device));
            // Box–Muller uses log, sqrt, sin, cos: GPU intrinsics may differ from MathF in the last ulp.
            Support.TensorAssert.Close(cpu, gpu.To(Device.Cpu), dtype == DType.Float32 ? 1e-5 : 1e-12, dtype == DType.Float32 ? 1e-5 : 1e-12);
        }
    }
}
