using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using Scratch.Backends.Gpu.Kernels;

namespace Scratch.Backends.Gpu;

/// <summary>
/// The op set as ILGPU kernels on one accelerator (CUDA, OpenCL or ILGPU's CPU simulator). Storage is
/// <see cref="DeviceStorage{T}"/> from a per-accelerator <see cref="DevicePool"/>; kernels are compiled
/// on first use and cached (<see cref="KernelCache"/>); data crosses to the host only in
/// <see cref="FromHost{T}"/> and <see cref="ToHost{T}"/>. Kernels are queued on the accelerator's
/// default stream, so they run in order without host synchronisation between ops.
/// </summary>
internal sealed partial class IlgpuBackend : IBackend, IDisposable
{
    private readonly Accelerator _accelerator;

    public IlgpuBackend(Device device, Accelerator accelerator)
    {
        Device = device;
        _accelerator = accelerator;
        var capacity = accelerator.AcceleratorType == AcceleratorType.CPU
            ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes
            : accelerator.MemorySize;
        Pool = new DevicePool(accelerator, device, capacity);
        Kernels = new KernelCache(accelerator);
        var maxThreads = Math.Min(ReductionKernels.MaxGroup, accelerator.MaxNumThreadsPerGroup);
        ReductionGroup = 1 << (31 - int.LeadingZeroCount(maxThreads));
        GemmTile = GemmKernel.MaxTile;
        while (GemmTile * GemmTile > accelerator.MaxNumThreadsPerGroup)
        {
            GemmTile /= 2;
        }
    }

    /// <inheritdoc/>
    public Device Device { get; }

    /// <summary>The device memory pool.</summary>
    public DevicePool Pool { get; }

    /// <summary>The compiled kernels.</summary>
    public KernelCache Kernels { get; }

    /// <summary>Threads per group in reductions and softmax: a power of two.</summary>
    public int ReductionGroup { get; }

    /// <summary>The GEMM thread-group edge t (t×t threads compute a 4t×4t tile).</summary>
    public int GemmTile { get; }

    /// <summary>The ILGPU accelerator's name.</summary>
    public string Name => _accelerator.Name;

    /// <inheritdoc/>
    public Storage Zeros(DType dtype, int length)
    {
        var storage = Allocate(dtype, length);
        switch (storage)
        {
            case DeviceStorage<float> f: f.View.MemSetToZero(); break;
            case DeviceStorage<double> d: d.View.MemSetToZero(); break;
            case DeviceStorage<int> i: i.View.MemSetToZero(); break;
        }
        return storage;
    }

    /// <inheritdoc/>
    public Storage FromHost<T>(T[] data) where T : unmanaged
    {
        var storage = Allocate<T>(data.Length);
        if (data.Length > 0)
        {
            storage.View.CopyFromCPU(data);
        }
        return storage;
    }

    /// <inheritdoc/>
    public T[] ToHost<T>(Storage storage, Layout layout) where T : unmanaged
    {
        var result = new T[layout.ElementCount];
        if (result.Length == 0)
        {
            return result;
        }
        if (layout.IsContiguous)
        {
            _accelerator.Synchronize();
            View<T>(storage).SubView(layout.Offset, result.Length).CopyToCPU(result);
            return result;
        }
        using var packed = (DeviceStorage<T>)Contiguous(storage, layout);
        _accelerator.Synchronize();
        packed.View.CopyToCPU(result);
        return result;
    }

    /// <inheritdoc/>
    public Storage Contiguous(Storage x, Layout layout) => x.DType switch
    {
        DType.Float32 => Copy<float>(x, layout),
        DType.Float64 => Copy<double>(x, layout),
        _ => Copy<int>(x, layout),
    };

    /// <inheritdoc/>
    public Storage Cast(Storage x, Layout layout, DType dtype) => x.DType switch
    {
        DType.Float32 => CastFrom<float, F32>(x, layout, dtype),
        DType.Float64 => CastFrom<double, F64>(x, layout, dtype),
        _ => CastFrom<int, I32>(x, layout, dtype),
    };

    /// <inheritdoc/>
    public Storage Random(RandomDistribution distribution, DType dtype, int length, ulong seed, ulong offset)
    {
        switch (dtype)
        {
            case DType.Float32:
                var f = Allocate<float>(length);
                if (length > 0) Kernels.Auto<ArrayView<float>, RandomDistribution, ulong, ulong>(ElementwiseKernels.RandomF32)(length, f.View, distribution, seed, offset);
                return f;
            case DType.Float64:
                var d = Allocate<double>(length);
                if (length > 0) Kernels.Auto<ArrayView<double>, RandomDistribution, ulong, ulong>(ElementwiseKernels.RandomF64)(length, d.View, distribution, seed, offset);
                return d;
            default:
                throw Unsupported("random", dtype);
        }
    }

    /// <summary>Runs every op once per dtype on tiny inputs, so that all kernels are compiled; returns the time taken.</summary>
    public TimeSpan WarmUp()
    {
        var clock = Stopwatch.StartNew();
        using (DeviceScope.Begin())
        {
            GpuWarmUp.Run(this);
        }
        _accelerator.Synchronize();
        return clock.Elapsed;
    }

    /// <summary>Waits until every queued kernel has finished.</summary>
    public void Synchronize() => _accelerator.Synchronize();

    /// <inheritdoc/>
    public void Dispose()
    {
        Pool.Dispose();
        _accelerator.Dispose();
    }

    /// <summary>New uninitialised device storage from the pool.</summary>
    internal DeviceStorage<T> Allocate<T>(int length) where T : unmanaged
    {
        if (Accelerator.Current != _accelerator)
        {
            _accelerator.Bind();
        }
        var bytes = (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        return new DeviceStorage<T>(Pool, Pool.Rent(bytes), length, Device);
    }

    private Storage Allocate(DType dtype, int length) => dtype switch
    {
        DType.Float32 => Allocate<float>(length),
        DType.Float64 => Allocate<double>(length),
        _ => Allocate<int>(length),
    };

    /// <summary>The device view behind storage of this backend.</summary>
    internal ArrayView<T> View<T>(Storage storage) where T : unmanaged => storage is DeviceStorage<T> d && d.Device == Device
        ? d.View
        : throw new ArgumentException($"{Device}: storage {storage.GetType().Name} ({storage.DType.Name()}) does not belong to this device", nameof(storage));

    private DeviceStorage<T> Copy<T>(Storage x, Layout layout) where T : unmanaged
    {
        var y = Allocate<T>(layout.ElementCount);
        if (layout.ElementCount > 0)
        {
            var views = ViewCollapse.Joint(layout, Layout.Contiguous(layout.Shape));
            Kernels.Auto<ArrayView<T>, StridedView, ArrayView<T>, StridedView>(ElementwiseKernels.Copy<T>)(layout.ElementCount, View<T>(x), views[0], y.View, views[1]);
        }
        return y;
    }

    private Storage CastFrom<TFrom, TFS>(Storage x, Layout layout, DType dtype)
        where TFrom : unmanaged where TFS : struct, IScalar<TFrom> => dtype switch
    {
        DType.Float32 => CastTo<TFrom, TFS, float, F32>(x, layout),
        DType.Float64 => CastTo<TFrom, TFS, double, F64>(x, layout),
        _ => CastTo<TFrom, TFS, int, I32>(x, layout),
    };

    private DeviceStorage<TTo> CastTo<TFrom, TFS, TTo, TTS>(Storage x, Layout layout)
        where TFrom : unmanaged where TFS : struct, IScalar<TFrom> where TTo : unmanaged where TTS : struct, IScalar<TTo>
    {
        var y = Allocate<TTo>(layout.ElementCount);
        if (layout.ElementCount > 0)
        {
            Kernels.Auto<ArrayView<TFrom>, StridedView, ArrayView<TTo>>(ElementwiseKernels.Cast<TFrom, TFS, TTo, TTS>)(
                layout.ElementCount, View<TFrom>(x), ViewCollapse.Of(layout), y.View);
        }
        return y;
    }

    private static NotSupportedException Unsupported(string op, DType dtype) =>
        new($"{op}: dtype {dtype.Name()} is not supported on the GPU; expected float32 or float64");
}
