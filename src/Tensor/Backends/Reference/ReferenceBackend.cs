using System.Numerics;

namespace Scratch.Backends.Reference;

/// <summary>
/// The naive reference backend: every op as the plainest loop over multi-indices, reading every
/// input through its layout one element at a time and computing in double precision. It shares no
/// code with the fast backends, so that they can be tested against it. It is slow by design.
/// </summary>
internal sealed partial class ReferenceBackend : IBackend
{
    private ReferenceBackend()
    {
    }

    /// <summary>The one instance.</summary>
    public static ReferenceBackend Instance { get; } = new();

    /// <inheritdoc/>
    public Device Device => Device.Reference;

    /// <inheritdoc/>
    public Storage Zeros(DType dtype, int length) => Make(dtype, new double[length]);

    /// <inheritdoc/>
    public Storage FromHost<T>(T[] data) where T : unmanaged => new HostStorage<T>(data);

    /// <inheritdoc/>
    public T[] ToHost<T>(Storage storage, Layout layout) where T : unmanaged
    {
        var data = ((HostStorage<T>)storage).Data;
        var result = new T[layout.ElementCount];
        ReferenceIndex.ForEach(layout.Shape, (index, flat) => result[flat] = data[layout.IndexOf(index)]);
        return result;
    }

    /// <inheritdoc/>
    public Storage Contiguous(Storage x, Layout layout) => x.DType switch
    {
        DType.Float32 => new HostStorage<float>(ToHost<float>(x, layout)),
        DType.Float64 => new HostStorage<double>(ToHost<double>(x, layout)),
        _ => new HostStorage<int>(ToHost<int>(x, layout)),
    };

    /// <inheritdoc/>
    public Storage Cast(Storage x, Layout layout, DType dtype) => Make(dtype, Read(x, layout));

    /// <inheritdoc/>
    public Storage Random(RandomDistribution distribution, DType dtype, int length, ulong seed, ulong offset)
    {
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            var at = offset + (ulong)i;
            values[i] = dtype == DType.Float32 ? Philox.FloatAt(distribution, seed, at) : Philox.DoubleAt(distribution, seed, at);
        }
        return Make(dtype, values);
    }

    /// <summary>The elements of a view in row-major order, widened to double.</summary>
    internal static double[] Read(Storage storage, Layout layout) => storage switch
    {
        HostStorage<float> f => Read(f.Data, layout, v => v),
        HostStorage<double> d => Read(d.Data, layout, v => v),
        HostStorage<int> i => Read(i.Data, layout, v => v),
        _ => throw new ArgumentException($"reference backend cannot read {storage.GetType().Name}", nameof(storage)),
    };

    private static double[] Read<T>(T[] data, Layout layout, Func<T, double> widen)
    {
        var result = new double[layout.ElementCount];
        ReferenceIndex.ForEach(layout.Shape, (index, flat) => result[flat] = widen(data[layout.IndexOf(index)]));
        return result;
    }

    /// <summary>New storage of a dtype from double values (rounded to nearest for float32; saturating toward zero for int32).</summary>
    internal static Storage Make(DType dtype, double[] values) => dtype switch
    {
        DType.Float32 => new HostStorage<float>(Array.ConvertAll(values, v => (float)v)),
        DType.Float64 => new HostStorage<double>(values),
        DType.Int32 => new HostStorage<int>(Array.ConvertAll(values, int.CreateSaturating)),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };
}
