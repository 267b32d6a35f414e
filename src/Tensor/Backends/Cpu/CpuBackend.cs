using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The CPU backend: TensorPrimitives for elementwise work and reductions over contiguous rows, a
/// row-walk (<see cref="StridedRows"/>) for views, our packed GEMM for products, parallel over the
/// cores for large tensors. Storage is <see cref="HostStorage{T}"/>.
/// </summary>
internal sealed partial class CpuBackend : IBackend
{
    private CpuBackend()
    {
    }

    /// <summary>The one instance.</summary>
    public static CpuBackend Instance { get; } = new();

    /// <inheritdoc/>
    public Device Device => Device.Cpu;

    /// <inheritdoc/>
    public Storage Zeros(DType dtype, int length) => dtype switch
    {
        DType.Float32 => Result(HostPool.RentZeroed<float>(length)),
        DType.Float64 => Result(HostPool.RentZeroed<double>(length)),
        DType.Int32 => Result(HostPool.RentZeroed<int>(length)),
        _ => throw Unsupported("zeros", dtype),
    };

    /// <inheritdoc/>
    public Storage FromHost<T>(T[] data) where T : unmanaged => new HostStorage<T>(data);

    /// <inheritdoc/>
    public T[] ToHost<T>(Storage storage, Layout layout) where T : unmanaged => Gather(Data<T>(storage), layout, pooled: false);

    /// <inheritdoc/>
    public Storage Contiguous(Storage x, Layout layout) => x.DType switch
    {
        DType.Float32 => Result(Gather(Data<float>(x), layout)),
        DType.Float64 => Result(Gather(Data<double>(x), layout)),
        DType.Int32 => Result(Gather(Data<int>(x), layout)),
        _ => throw Unsupported("contiguous", x.DType),
    };

    /// <inheritdoc/>
    public Storage Cast(Storage x, Layout layout, DType dtype) => x.DType switch
    {
        DType.Float32 => CastFrom(Gather(Data<float>(x), layout), dtype),
        DType.Float64 => CastFrom(Gather(Data<double>(x), layout), dtype),
        DType.Int32 => CastFrom(Gather(Data<int>(x), layout), dtype),
        _ => throw Unsupported("cast", x.DType),
    };

    /// <inheritdoc/>
    public Storage Random(RandomDistribution distribution, DType dtype, int length, ulong seed, ulong offset)
    {
        switch (dtype)
        {
            case DType.Float32:
                var f = HostPool.Rent<float>(length);
                CpuParallel.For(length, 16, (s, e) => Philox.Fill(distribution, seed, offset + (ulong)s, f.AsSpan(s, e - s)));
                return Result(f);
            case DType.Float64:
                var d = HostPool.Rent<double>(length);
                CpuParallel.For(length, 16, (s, e) => Philox.Fill(distribution, seed, offset + (ulong)s, d.AsSpan(s, e - s)));
                return Result(d);
            default:
                throw Unsupported("random", dtype);
        }
    }

    /// <summary>The array behind host storage.</summary>
    internal static T[] Data<T>(Storage storage) where T : unmanaged => ((HostStorage<T>)storage).Data;

    /// <summary>Storage for an op's result: a private array (from <see cref="HostPool"/> or fresh) that returns to the pool when its scope ends.</summary>
    internal static HostStorage<T> Result<T>(T[] data) where T : unmanaged => HostStorage<T>.Private(data);

    /// <summary>
    /// The elements of a view, row-major, in a new array: from the pool for the engine's own use, or a
    /// fresh array (<paramref name="pooled"/> false) for one handed to the caller for good.
    /// </summary>
    internal static T[] Gather<T>(T[] source, Layout layout, bool pooled = true) where T : unmanaged
    {
        var n = layout.ElementCount;
        var result = pooled ? HostPool.Rent<T>(n) : GC.AllocateUninitializedArray<T>(n);
        if (layout.IsContiguous)
        {
            source.AsSpan(layout.Offset, n).CopyTo(result);
            return result;
        }
        var plan = StridedRows.Plan(layout, Layout.Contiguous(layout.Shape));
        CpuParallel.For(plan.RowCount, plan.RowLength, (r0, r1) =>
        {
            Span<int> at = stackalloc int[2];
            for (var r = r0; r < r1; r++)
            {
                plan.RowOffsets(r, at);
                GatherRow(source, at[0], plan.InnerStrides[0], result.AsSpan(at[1], plan.RowLength));
            }
        });
        return result;
    }

    /// <summary>Copies one strided row into a contiguous span.</summary>
    internal static void GatherRow<T>(T[] source, int offset, int stride, Span<T> row)
    {
        if (stride == 1)
        {
            source.AsSpan(offset, row.Length).CopyTo(row);
            return;
        }
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = source[offset + i * stride];
        }
    }

    private static Storage CastFrom<TFrom>(TFrom[] x, DType dtype) where TFrom : unmanaged, INumber<TFrom> => dtype switch
    {
        DType.Float32 => Result(Convert<TFrom, float>(x)),
        DType.Float64 => Result(Convert<TFrom, double>(x)),
        DType.Int32 => Result(Convert<TFrom, int>(x)),
        _ => throw Unsupported("cast", dtype),
    };

    private static TTo[] Convert<TFrom, TTo>(TFrom[] x) where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
    {
        var y = HostPool.Rent<TTo>(x.Length);
        // Saturating (TTo.CreateSaturating, vectorised): NaN → 0 and out-of-range floats → int.MinValue/MaxValue,
        // never an exception.
        TensorPrimitives.ConvertSaturating<TFrom, TTo>(x, y);
        HostPool.Return(x);
        return y;
    }

    /// <summary>The error for an op that does not take a dtype (validation in Tensor normally catches it first).</summary>
    internal static NotSupportedException Unsupported(string op, DType dtype) =>
        new($"{op}: dtype {dtype.Name()} is not supported; expected float32 or float64");
}
