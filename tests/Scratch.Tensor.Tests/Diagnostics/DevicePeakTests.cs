namespace Scratch.Tests.Diagnostics;

public sealed class DevicePeakTests
{
    [Theory]
    // NVIDIA's published FP32 peaks: H100 SXM 66.9 TFLOP/s (132 SMs, 1980 MHz boost), A100 19.5 (108 SMs, 1410 MHz),
    // V100 SXM2 15.7 (80 SMs, 1530 MHz), RTX 4090 82.6 (128 SMs, 2520 MHz).
    [InlineData(9, 0, 132, 1980, 66_908)]
    [InlineData(8, 0, 108, 1410, 19_492)]
    [InlineData(7, 0, 80, 1530, 15_667)]
    [InlineData(8, 9, 128, 2520, 82_575)]
    public void Fp32Gflops_KnownGpus_MatchPublishedPeaks(int major, int minor, int sms, int mhz, double expected) =>
        Assert.Equal(expected, DevicePeak.Fp32Gflops(major, minor, sms, mhz)!.Value, 0);

    [Fact]
    public void Fp32Gflops_UnknownArchitecture_IsNull() => Assert.Null(DevicePeak.Fp32Gflops(6, 1, 28, 1582));

    [Theory]
    // H100 SXM HBM3 3.35 TB/s (2619 MHz, 5120 bits), A100 40 GB HBM2 1.56 TB/s (1215 MHz, 5120 bits).
    [InlineData(2619, 5120, 3352)]
    [InlineData(1215, 5120, 1555)]
    public void MemoryGBs_KnownGpus_MatchPublishedPeaks(int mhz, int bits, double expected) =>
        Assert.Equal(expected, DevicePeak.MemoryGBs(mhz, bits), 0);

    [Fact]
    public void NonCudaDevice_HasNoPeaks()
    {
        Assert.Null(DevicePeak.Fp32Gflops(new Device(DeviceKind.IlgpuCpu)));
        Assert.Null(DevicePeak.MemoryGBs(Device.Cpu));
        Assert.Null(DevicePeak.CudaDescription(new Device(DeviceKind.IlgpuCpu)));
    }
}
