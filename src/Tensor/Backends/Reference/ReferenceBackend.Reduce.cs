namespace Scratch.Backends.Reference;

internal sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public Storage Reduce(ReduceOp op, Storage x, Layout lx, int[] axes)
    {
        var values = Read(x, lx);
        var outShape = KeepDims(lx.Shape, axes);
        var groups = GroupByOutput(lx.Shape, outShape, values);
        var y = groups.Select(g => op switch
        {
            ReduceOp.Sum => g.Sum(),
            ReduceOp.Mean => g.Count == 0 ? double.NaN : g.Sum() / g.Count,
            ReduceOp.Max => g.Any(double.IsNaN) ? double.NaN : g.Max(),
            ReduceOp.Min => g.Any(double.IsNaN) ? double.NaN : g.Min(),
            _ => LogSumExp(g),
        }).ToArray();
        return Make(x.DType, y);
    }

    /// <inheritdoc/>
    public Storage ArgReduce(ArgReduceOp op, Storage x, Layout lx, int axis)
    {
        var groups = GroupByOutput(lx.Shape, KeepDims(lx.Shape, [axis]), Read(x, lx));
        var y = groups.Select(g =>
        {
            var best = 0;
            for (var i = 1; i < g.Count; i++)
            {
                if (double.IsNaN(g[best]))
                {
                    break;
                }
                if (double.IsNaN(g[i]) || (op == ArgReduceOp.ArgMax ? g[i] > g[best] : g[i] < g[best]))
                {
                    best = i;
                }
            }
            return (double)best;
        }).ToArray();
        return Make(DType.Int32, y);
    }

    /// <inheritdoc/>
    public Storage Softmax(Storage x, Layout lx, int axis, bool log)
    {
        var values = Read(x, lx);
        var outShape = KeepDims(lx.Shape, [axis]);
        var groups = GroupByOutput(lx.Shape, outShape, values);
        var lse = groups.Select(LogSumExp).ToArray();
        var y = new double[values.Length];
        ReferenceIndex.ForEach(lx.Shape, (index, flat) =>
        {
            var saved = index[axis];
            index[axis] = 0;
            var group = ReferenceIndex.Flat(outShape, index);
            index[axis] = saved;
            y[flat] = log ? values[flat] - lse[group] : Math.Exp(values[flat] - lse[group]);
        });
        return Make(x.DType, y);
    }

    private static double LogSumExp(List<double> g)
    {
        if (g.Count == 0)
        {
            return double.NegativeInfinity;
        }
        var m = g.Any(double.IsNaN) ? double.NaN : g.Max();
        return double.IsFinite(m) ? m + Math.Log(g.Sum(v => Math.Exp(v - m))) : m;
    }

    private static Shape KeepDims(Shape shape, int[] axes)
    {
        var dims = shape.ToArray();
        foreach (var a in axes)
        {
            dims[a] = 1;
        }
        return new Shape(dims);
    }

    // The input values grouped by the output position they reduce into, in input order.
    private static List<double>[] GroupByOutput(Shape inShape, Shape outShape, double[] values)
    {
        var groups = Enumerable.Range(0, outShape.ElementCount).Select(_ => new List<double>()).ToArray();
        var outIndex = new int[inShape.Rank];
        ReferenceIndex.ForEach(inShape, (index, flat) =>
        {
            for (var d = 0; d < index.Length; d++)
            {
                outIndex[d] = outShape[d] == 1 ? 0 : index[d];
            }
            groups[ReferenceIndex.Flat(outShape, outIndex)].Add(values[flat]);
        });
        return groups;
    }
}
