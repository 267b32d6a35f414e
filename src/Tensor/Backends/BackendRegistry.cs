using Scratch.Backends.Cpu;
using Scratch.Backends.Gpu;
using Scratch.Backends.Reference;

namespace Scratch.Backends;

/// <summary>Finds the backend that computes on a device.</summary>
internal static class BackendRegistry
{
    /// <summary>The backend for <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">No backend serves that device; the message lists the devices that exist.</exception>
    public static IBackend For(Device device) => device.Kind switch
    {
        DeviceKind.Cpu => CpuBackend.Instance,
        DeviceKind.Reference => ReferenceBackend.Instance,
        _ => IlgpuRuntime.TryBackend(device) ?? throw new ArgumentException(
            $"device {device} is not available; available devices: {string.Join(", ", Available().Select(d => d.ToString()))}", nameof(device)),
    };

    /// <summary>The devices that can hold tensors in this process.</summary>
    public static IReadOnlyList<Device> Available() => [Device.Cpu, Device.Reference, .. IlgpuRuntime.Devices.Select(d => d.Device)];
}
