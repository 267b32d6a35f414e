using ILGPU.Runtime;
using Scratch.Backends;
using Scratch.Backends.Gpu;

namespace Scratch.Tests.Gpu;

[Collection("gpu")]
public sealed class GpuMemoryTests
{
    [Theory]
    [MemberData(nameof(GpuTestDevices.All), MemberType = typeof(GpuTestDevices))]
    public void TrainingLoop_InScopes_StopsAllocatingAfterTwoSteps(string device)
    {
        var d = Device.Parse(device);
        var w = Tensor.Rand([8, 4], new Generator(1), device: d);
        var x = Tensor.Rand([16, 8], new Generator(2), device: d);
        long afterWarmUp = 0;
        for (var step = 0; step < 6; step++)
        {
            using var scope = DeviceScope.Begin();
            // The old parameters are replaced in this step: the scope frees them at its end.
            scope.Own(w);
            var loss = Tensor.MatMul(x, w).Relu().LogSoftmax(1).Sum();
            var update = scope.Keep(w - Tensor.MatMul(x.Transpose(0, 1), Tensor.Ones([16, 4], device: d)) * 0.01 * loss);
            w = update;
            if (step == 1)
            {
                afterWarmUp = Devices.MemoryStats(d).DeviceAllocations;
            }
        }
        Assert.Equal(afterWarmUp, Devices.MemoryStats(d).DeviceAllocations);
        Assert.Equal([8, 4], w.Shape.ToArray());
    }

    [Theory]
    [MemberData(nameof(GpuTestDevices.All), MemberType = typeof(GpuTestDevices))]
    public void ScopeEnd_ReturnsMemory_AndUseAfterwardsNamesTheFix(string device)
    {
        var d = Device.Parse(device);
        Tensor leaked;
        using (DeviceScope.Begin())
        {
            leaked = Tensor.Ones([1000], device: d);
        }
        var error = Assert.Throws<ObjectDisposedException>(() => leaked.Exp());
        Assert.Contains("scope.Keep", error.Message);
    }

    [Fact]
    public void Pool_OverCapacity_ReportsRequestedAndAvailable()
    {
        var backend = (IlgpuBackend)BackendRegistry.For(new Device(DeviceKind.IlgpuCpu));
        var accelerator = (Accelerator)typeof(IlgpuBackend).GetField("_accelerator", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(backend)!;
        using var pool = new DevicePool(accelerator, backend.Device, capacityBytes: 1 << 20);
        var held = pool.Rent(600_000);
        var error = Assert.Throws<DeviceOutOfMemoryException>(() => pool.Rent(700_000));
        Assert.Equal(700_000, error.RequestedBytes);
        Assert.Equal(0, error.AvailableBytes);
        Assert.Contains("requested", error.Message);
        Assert.Contains("available", error.Message);
        pool.Return(held);
        pool.Return(pool.Rent(700_000));
        Assert.Equal(1, pool.DeviceAllocations);
    }
}
