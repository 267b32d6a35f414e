namespace Scratch.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public Storage Gather(Storage x, Layout lx, int axis, Storage index, Layout li) => x.DType switch
    {
        DType.Float32 => Result(Gather(Data<float>(x), lx, axis, Data<int>(index), li)),
        DType.Float64 => Result(Gather(Data<double>(x), lx, axis, Data<int>(index), li)),
        _ => Result(Gather(Data<int>(x), lx, axis, Data<int>(index), li)),
    };

    /// <inheritdoc/>
    public Storage ScatterAdd(Shape shape, int axis, Storage index, Layout li, Storage src, Layout ls) => src.DType switch
    {
        DType.Float32 => Result(ScatterAdd(shape, axis, Data<int>(index), li, Data<float>(src), ls)),
        DType.Float64 => Result(ScatterAdd(shape, axis, Data<int>(index), li, Data<double>(src), ls)),
        _ => throw Unsupported("scatter_add", src.DType),
    };

    /// <inheritdoc/>
    public Storage OneHot(Storage index, Layout li, int classes, DType dtype)
    {
        var labels = Gather(Data<int>(index), li);
        IndexCheck.InRange(labels, classes, "one_hot", "index");
        Storage result = dtype switch
        {
            DType.Float32 => Result(OneHot(labels, classes, 1f)),
            DType.Float64 => Result(OneHot(labels, classes, 1.0)),
            _ => throw Unsupported("one_hot", dtype),
        };
        HostPool.Return(labels);
        return result;
    }

    /// <inheritdoc/>
    public Storage Concat(IReadOnlyList<(Storage Storage, Layout Layout)> parts, int axis, Shape shape) => parts[0].Storage.DType switch
    {
        DType.Float32 => Result(Concat<float>(parts, axis, shape)),
        DType.Float64 => Result(Concat<double>(parts, axis, shape)),
        _ => Result(Concat<int>(parts, axis, shape)),
    };

    private static T[] Gather<T>(T[] x, Layout lx, int axis, int[] index, Layout li) where T : unmanaged
    {
        var idx = Gather(index, li);
        IndexCheck.InRange(idx, lx.Shape[axis], "gather", "index");
        var y = HostPool.Rent<T>(idx.Length);
        // x viewed with the index's shape and stride 0 along the axis: the index supplies that coordinate.
        var lxBase = WithAxisStride(lx, li.Shape, axis, 0);
        var plan = StridedRows.Plan(lxBase, Layout.Contiguous(li.Shape));
        var axisStride = lx.Strides[axis];
        Span<int> at = stackalloc int[2];
        for (var r = 0; r < plan.RowCount; r++)
        {
            plan.RowOffsets(r, at);
            for (var i = 0; i < plan.RowLength; i++)
            {
                var o = at[1] + i;
                y[o] = x[at[0] + i * plan.InnerStrides[0] + idx[o] * axisStride];
            }
        }
        HostPool.Return(idx);
        return y;
    }

    private static T[] ScatterAdd<T>(Shape shape, int axis, int[] index, Layout li, T[] src, Layout ls)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var idx = Gather(index, li);
        IndexCheck.InRange(idx, shape[axis], "scatter_add", "index");
        var values = Gather(src, ls);
        var y = HostPool.RentZeroed<T>(shape.ElementCount);
        var lyBase = WithAxisStride(Layout.Contiguous(shape), li.Shape, axis, 0);
        var plan = StridedRows.Plan(lyBase, Layout.Contiguous(li.Shape));
        var axisStride = shape.ContiguousStrides()[axis];
        Span<int> at = stackalloc int[2];
        for (var r = 0; r < plan.RowCount; r++)
        {
            plan.RowOffsets(r, at);
            for (var i = 0; i < plan.RowLength; i++)
            {
                var o = at[1] + i;
                y[at[0] + i * plan.InnerStrides[0] + idx[o] * axisStride] += values[o];
            }
        }
        HostPool.Return(idx);
        HostPool.Return(values);
        return y;
    }

    private static T[] OneHot<T>(int[] labels, int classes, T one) where T : unmanaged
    {
        var y = HostPool.RentZeroed<T>(labels.Length * classes);
        for (var i = 0; i < labels.Length; i++)
        {
            y[i * classes + labels[i]] = one;
        }
        return y;
    }

    private static T[] Concat<T>(IReadOnlyList<(Storage Storage, Layout Layout)> parts, int axis, Shape shape) where T : unmanaged
    {
        // The parts tile the output along the axis, so every element is written; each part is copied whole by one
        // thread, and the parts of a large join on different cores (the copies are independent: the same bits).
        var y = HostPool.Rent<T>(shape.ElementCount);
        var whole = Layout.Contiguous(shape);
        var starts = new int[parts.Count];
        for (var p = 1; p < parts.Count; p++)
        {
            starts[p] = starts[p - 1] + parts[p - 1].Layout.Shape[axis];
        }
        // A copy is memory-bound: serial below the elementwise ops' threshold, as they are.
        var costPerPart = shape.ElementCount < SerialBelow(transcendental: false) ? 0 : shape.ElementCount / parts.Count;
        CpuParallel.For(parts.Count, costPerPart, (first, end) =>
        {
            Span<int> at = stackalloc int[2];
            for (var p = first; p < end; p++)
            {
                var (storage, layout) = parts[p];
                var source = Data<T>(storage);
                var plan = StridedRows.Plan(layout, whole.Narrow(axis, starts[p], layout.Shape[axis]));
                for (var r = 0; r < plan.RowCount; r++)
                {
                    plan.RowOffsets(r, at);
                    if (plan.InnerStrides[1] == 1)
                    {
                        GatherRow(source, at[0], plan.InnerStrides[0], y.AsSpan(at[1], plan.RowLength));
                        continue;
                    }
                    for (var i = 0; i < plan.RowLength; i++)
                    {
                        y[at[1] + i * plan.InnerStrides[1]] = source[at[0] + i * plan.InnerStrides[0]];
                    }
                }
            }
        });
        return y;
    }

    // The layout's strides and offset on another shape, with one axis's stride replaced.
    private static Layout WithAxisStride(Layout layout, Shape shape, int axis, int stride)
    {
        var strides = layout.Strides.ToArray();
        strides[axis] = stride;
        return Layout.Trusted(shape, strides, layout.Offset);
    }
}
