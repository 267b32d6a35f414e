namespace Scratch.Tests.Core;

public sealed class DeviceParseTests
{
    [Theory]
    [InlineData("cpu", DeviceKind.Cpu, 0)]
    [InlineData(" Reference ", DeviceKind.Reference, 0)]
    [InlineData("cuda:12", DeviceKind.Cuda, 12)]
    [InlineData("opencl", DeviceKind.OpenCL, 0)]
    [InlineData("ilgpu-cpu:0", DeviceKind.IlgpuCpu, 0)]
    public void Parse_WellFormed_GivesTheDevice(string text, DeviceKind kind, int index) =>
        Assert.Equal(new Device(kind, index), Device.Parse(text));

    [Theory]
    [InlineData("cpu:1", "takes no ordinal")]
    [InlineData("cpu:0", "takes no ordinal")]
    [InlineData("reference:0", "takes no ordinal")]
    [InlineData("cuda:", "bad device ordinal")]
    [InlineData("cuda:+1", "bad device ordinal")]
    [InlineData("cuda:-1", "bad device ordinal")]
    [InlineData("cuda: 1", "bad device ordinal")]
    [InlineData("cuda:1:2", "bad device ordinal")]
    [InlineData("cuda:99999999999", "bad device ordinal")]
    [InlineData("cuda:١", "bad device ordinal")]
    [InlineData("tpu", "unknown device 'tpu'")]
    [InlineData("", "unknown device")]
    public void Parse_Malformed_RejectedNamingTheText(string text, string fragment)
    {
        var e = Assert.Throws<ArgumentException>(() => Device.Parse(text));
        Assert.Contains(fragment, e.Message);
    }
}
