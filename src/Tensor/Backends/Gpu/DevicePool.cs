using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace Scratch.Backends.Gpu;

/// <summary>
/// A size-bucketed pool of device buffers for one accelerator. A request is rounded up to a power of
/// two (at least 256 bytes) and served from that bucket's free list when it can be, so a training
/// loop that allocates the same shapes every step stops allocating device memory after its first step.
/// Buffers come back through <see cref="Return"/> (storage disposal, scope end or finalisation).
/// When a request would exceed the capacity, cached buffers are freed and finalisable storage is
/// collected before giving up with a <see cref="DeviceOutOfMemoryException"/>.
/// </summary>
internal sealed class DevicePool : IDisposable
{
    private const long MinBucket = 256;
    private readonly Accelerator _accelerator;
    private readonly Device _device;
    private readonly Dictionary<long, Stack<MemoryBuffer1D<byte, Stride1D.Dense>>> _free = [];
    // Rented buffers stay referenced here, so that ILGPU never finalises (frees) one before the
    // finaliser of the storage that dropped it can return it (finalisation order is undefined).
    private readonly HashSet<MemoryBuffer1D<byte, Stride1D.Dense>> _rented = new(ReferenceEqualityComparer.Instance);
    private readonly object _lock = new();
    private bool _disposed;

    public DevicePool(Accelerator accelerator, Device device, long capacityBytes)
    {
        _accelerator = accelerator;
        _device = device;
        CapacityBytes = capacityBytes;
    }

    /// <summary>The most bytes the pool will hold at once (rented and cached).</summary>
    public long CapacityBytes { get; }

    /// <summary>Bytes in buffers rented out now.</summary>
    public long LiveBytes { get; private set; }

    /// <summary>Bytes in free buffers kept for reuse.</summary>
    public long CachedBytes { get; private set; }

    /// <summary>How many buffers were allocated on the device (not served from the pool).</summary>
    public long DeviceAllocations { get; private set; }

    /// <summary>A buffer of at least <paramref name="bytes"/> bytes.</summary>
    /// <exception cref="DeviceOutOfMemoryException">The device cannot hold it even after the cache is freed.</exception>
    public MemoryBuffer1D<byte, Stride1D.Dense> Rent(long bytes)
    {
        var bucket = Bucket(bytes);
        for (var attempt = 0; ; attempt++)
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_free.TryGetValue(bucket, out var stack) && stack.Count > 0)
                {
                    CachedBytes -= bucket;
                    LiveBytes += bucket;
                    var reused = stack.Pop();
                    _rented.Add(reused);
                    return reused;
                }
                if (LiveBytes + CachedBytes + bucket > CapacityBytes)
                {
                    TrimLocked();
                }
                if (LiveBytes + bucket <= CapacityBytes)
                {
                    try
                    {
                        var buffer = _accelerator.Allocate1D<byte>(bucket);
                        LiveBytes += bucket;
                        DeviceAllocations++;
                        _rented.Add(buffer);
                        return buffer;
                    }
                    catch (Exception e) when (attempt > 0)
                    {
                        throw OutOfMemory(bytes, e);
                    }
                    catch (Exception) when (attempt == 0)
                    {
                        TrimLocked();
                    }
                }
                else if (attempt > 0)
                {
                    throw OutOfMemory(bytes, null);
                }
            }
            // Storage that nobody references any more returns its buffer when finalised.
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>Gives a rented buffer back for reuse.</summary>
    public void Return(MemoryBuffer1D<byte, Stride1D.Dense> buffer)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            if (!_rented.Remove(buffer))
            {
                return;
            }
            var bucket = buffer.Length;
            LiveBytes -= bucket;
            CachedBytes += bucket;
            if (!_free.TryGetValue(bucket, out var stack))
            {
                _free[bucket] = stack = new Stack<MemoryBuffer1D<byte, Stride1D.Dense>>();
            }
            stack.Push(buffer);
        }
    }

    /// <summary>Frees every cached buffer on the device.</summary>
    public void Trim()
    {
        lock (_lock)
        {
            TrimLocked();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            TrimLocked();
            foreach (var buffer in _rented)
            {
                buffer.Dispose();
            }
            _rented.Clear();
            _disposed = true;
        }
    }

    private void TrimLocked()
    {
        foreach (var stack in _free.Values)
        {
            while (stack.Count > 0)
            {
                stack.Pop().Dispose();
            }
        }
        CachedBytes = 0;
    }

    private DeviceOutOfMemoryException OutOfMemory(long requested, Exception? inner) =>
        new(_device, requested, Math.Max(0, CapacityBytes - LiveBytes), inner);

    private static long Bucket(long bytes) => Math.Max(MinBucket, (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(bytes, 1)));
}
