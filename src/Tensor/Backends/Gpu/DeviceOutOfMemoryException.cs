namespace Scratch;

/// <summary>A device could not hold a requested buffer, even after its pool's cache was freed.</summary>
public sealed class DeviceOutOfMemoryException : Exception
{
    /// <summary>Creates the error for a request of <paramref name="requestedBytes"/> on <paramref name="device"/>.</summary>
    public DeviceOutOfMemoryException(Device device, long requestedBytes, long availableBytes, Exception? inner = null)
        : base($"out of memory on {device}: requested {Format(requestedBytes)}, available {Format(availableBytes)}; " +
               "free tensors sooner (DeviceScope) or use smaller batches", inner)
    {
        Device = device;
        RequestedBytes = requestedBytes;
        AvailableBytes = availableBytes;
    }

    /// <summary>The device that ran out.</summary>
    public Device Device { get; }

    /// <summary>The size of the failed request.</summary>
    public long RequestedBytes { get; }

    /// <summary>What the device's pool could still hand out.</summary>
    public long AvailableBytes { get; }

    private static string Format(long bytes) => bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):F1} MiB ({bytes} bytes)" : $"{bytes} bytes";
}
