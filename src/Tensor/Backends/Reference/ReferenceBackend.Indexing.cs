namespace Scratch.Backends.Reference;

internal sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public Storage MatMul(Storage a, Layout la, Storage b, Layout lb)
    {
        var rank = la.Rank;
        int m = la.Shape[rank - 2], k = la.Shape[rank - 1], n = lb.Shape[rank - 1];
        var (va, vb) = (Read(a, la), Read(b, lb));
        var batch = m * k == 0 || k * n == 0 ? BatchCount(la.Shape) : va.Length / (m * k);
        var y = new double[batch * m * n];
        for (var p = 0; p < batch; p++)
        {
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var sum = 0.0;
                    for (var l = 0; l < k; l++)
                    {
                        sum += va[(p * m + i) * k + l] * vb[(p * k + l) * n + j];
                    }
                    y[(p * m + i) * n + j] = sum;
                }
            }
        }
        return Make(a.DType, y);
    }

    /// <inheritdoc/>
    public Storage Gather(Storage x, Layout lx, int axis, Storage index, Layout li)
    {
        var (vx, vi) = (Read(x, lx), Read(index, li));
        var y = new double[vi.Length];
        var at = new int[lx.Rank];
        ReferenceIndex.ForEach(li.Shape, (idx, flat) =>
        {
            idx.CopyTo(at, 0);
            at[axis] = CheckedIndex(vi[flat], lx.Shape[axis], "gather", flat);
            y[flat] = vx[ReferenceIndex.Flat(lx.Shape, at)];
        });
        return Make(x.DType, y);
    }

    /// <inheritdoc/>
    public Storage ScatterAdd(Shape shape, int axis, Storage index, Layout li, Storage src, Layout ls)
    {
        var (vi, vs) = (Read(index, li), Read(src, ls));
        var y = new double[shape.ElementCount];
        var at = new int[shape.Rank];
        ReferenceIndex.ForEach(li.Shape, (idx, flat) =>
        {
            idx.CopyTo(at, 0);
            at[axis] = CheckedIndex(vi[flat], shape[axis], "scatter_add", flat);
            y[ReferenceIndex.Flat(shape, at)] += vs[flat];
        });
        return Make(src.DType, y);
    }

    /// <inheritdoc/>
    public Storage OneHot(Storage index, Layout li, int classes, DType dtype)
    {
        var vi = Read(index, li);
        var y = new double[vi.Length * classes];
        for (var i = 0; i < vi.Length; i++)
        {
            y[i * classes + CheckedIndex(vi[i], classes, "one_hot", i)] = 1;
        }
        return Make(dtype, y);
    }

    /// <inheritdoc/>
    public Storage Concat(IReadOnlyList<(Storage Storage, Layout Layout)> parts, int axis, Shape shape)
    {
        var y = new double[shape.ElementCount];
        var start = 0;
        var at = new int[shape.Rank];
        foreach (var (storage, layout) in parts)
        {
            var values = Read(storage, layout);
            var first = start;
            ReferenceIndex.ForEach(layout.Shape, (idx, flat) =>
            {
                idx.CopyTo(at, 0);
                at[axis] += first;
                y[ReferenceIndex.Flat(shape, at)] = values[flat];
            });
            start += layout.Shape[axis];
        }
        return Make(parts[0].Storage.DType, y);
    }

    private static int BatchCount(Shape shape)
    {
        var p = 1;
        for (var i = 0; i < shape.Rank - 2; i++)
        {
            p *= shape[i];
        }
        return p;
    }

    private static int CheckedIndex(double value, int bound, string op, int position)
    {
        if (value < 0 || value >= bound)
        {
            throw new ArgumentOutOfRangeException("index", value,
                $"{op}: index value {value} at flat position {position} is out of range; expected 0..{bound - 1}");
        }
        return (int)value;
    }
}
