using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public Storage Unary(UnaryOp op, Storage x, Layout lx) => x.DType switch
    {
        DType.Float32 => Result(Unary(op, Data<float>(x), lx)),
        DType.Float64 => Result(Unary(op, Data<double>(x), lx)),
        _ => throw Unsupported(op.ToString(), x.DType),
    };

    /// <inheritdoc/>
    public Storage Binary(BinaryOp op, Storage a, Layout la, Storage b, Layout lb) => a.DType switch
    {
        DType.Float32 => Result(Binary(op, Data<float>(a), la, Data<float>(b), lb)),
        DType.Float64 => Result(Binary(op, Data<double>(a), la, Data<double>(b), lb)),
        _ => throw Unsupported(op.ToString(), a.DType),
    };

    /// <inheritdoc/>
    public Storage Compare(CompareOp op, Storage a, Layout la, Storage b, Layout lb) => a.DType switch
    {
        DType.Float32 => Result(Compare(op, Data<float>(a), la, Data<float>(b), lb)),
        DType.Float64 => Result(Compare(op, Data<double>(a), la, Data<double>(b), lb)),
        DType.Int32 => Result(Compare(op, Data<int>(a), la, Data<int>(b), lb)),
        _ => throw Unsupported(op.ToString(), a.DType),
    };

    /// <inheritdoc/>
    public Storage Where(Storage cond, Layout lc, Storage a, Layout la, Storage b, Layout lb) => cond.DType switch
    {
        DType.Float32 => Where(Data<float>(cond), lc, a, la, b, lb),
        DType.Float64 => Where(Data<double>(cond), lc, a, la, b, lb),
        _ => Where(Data<int>(cond), lc, a, la, b, lb),
    };

    private static Storage Where<TC>(TC[] cond, Layout lc, Storage a, Layout la, Storage b, Layout lb) where TC : unmanaged, INumber<TC>
    {
        var mask = Gather(cond, lc);
        var result = a.DType switch
        {
            DType.Float32 => Result(Select(mask, Gather(Data<float>(a), la), Gather(Data<float>(b), lb))),
            DType.Float64 => Result(Select(mask, Gather(Data<double>(a), la), Gather(Data<double>(b), lb))),
            _ => (Storage)Result(Select(mask, Gather(Data<int>(a), la), Gather(Data<int>(b), lb))),
        };
        HostPool.Return(mask);
        return result;
    }

    /// <inheritdoc/>
    public Storage Clamp(Storage x, Layout lx, double min, double max) => x.DType switch
    {
        DType.Float32 => Result(Clamp(Data<float>(x), lx, (float)min, (float)max)),
        DType.Float64 => Result(Clamp(Data<double>(x), lx, min, max)),
        _ => throw Unsupported("clamp", x.DType),
    };

    /// <inheritdoc/>
    public Storage SignStep(Storage x, Layout lx, Storage direction, Layout ld, double step, double min, double max) => x.DType switch
    {
        DType.Float32 => Result(SignStep(Data<float>(x), lx, Data<float>(direction), ld, (float)step, (float)min, (float)max)),
        DType.Float64 => Result(SignStep(Data<double>(x), lx, Data<double>(direction), ld, step, min, max)),
        _ => throw Unsupported("add_sign_step", x.DType),
    };

    // One pass over contiguous operands (gathered first when strided), split over the cores from CpuParallel's grain
    // (not the elementwise serial size): FGSM runs it on a whole batch between two parallel products, and a serial
    // 784,000-element pass (≈ 140 µs on the 2-core Zen 5) ran alone while the idle core's thread went to sleep, to be
    // woken by the next parallel op. Split: 140 → 100 µs alone, product + step + softmax 830 → 700–735 µs (7 Dec 2026).
    private static T[] SignStep<T>(T[] x, Layout lx, T[] d, Layout ld, T step, T min, T max) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (xs, xo) = lx.IsContiguous ? (x, lx.Offset) : (Gather(x, lx), 0);
        var (ds, dO) = ld.IsContiguous ? (d, ld.Offset) : (Gather(d, ld), 0);
        var y = HostPool.Rent<T>(lx.ElementCount);
        if (y.Length < CpuParallel.ElementGrain)
        {
            BinaryKernels.SignStep(xs.AsSpan(xo, y.Length), ds.AsSpan(dO, y.Length), step, min, max, y);
        }
        else
        {
            CpuParallel.For(y.Length, 1, (s, e) => BinaryKernels.SignStep(xs.AsSpan(xo + s, e - s), ds.AsSpan(dO + s, e - s), step, min, max, y.AsSpan(s, e - s)));
        }
        if (!ReferenceEquals(xs, x))
        {
            HostPool.Return(xs);
        }
        if (!ReferenceEquals(ds, d))
        {
            HostPool.Return(ds);
        }
        return y;
    }

    /// <summary>
    /// Below this many elements a contiguous elementwise op runs as one TensorPrimitives call on the calling thread:
    /// memory-bound ops (add, multiply, ReLU, …) gain little from a second core and lose the cost of starting it
    /// until the arrays outgrow the caches; transcendental ones (exp, log, tanh, …) pay for it sooner. On the 2-core
    /// Zen 5 (6 Dec 2026) a + b took 120 µs at 784,000 floats either way and 560 → 290 µs at 2,000,000 on two cores;
    /// the conv net's batch-128 step, whose activations are 2.4 million floats, went from 18.5 to 17.5 ms.
    /// </summary>
    private static int SerialBelow(bool transcendental) => transcendental ? 1 << 18 : 1 << 20;

    private static bool IsTranscendental(UnaryOp op) =>
        op is UnaryOp.Exp or UnaryOp.Log or UnaryOp.Sin or UnaryOp.Cos or UnaryOp.Tanh or UnaryOp.Sigmoid or UnaryOp.Softplus;

    private static T[] Unary<T>(UnaryOp op, T[] x, Layout lx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = HostPool.Rent<T>(lx.ElementCount);
        if (lx.IsContiguous && y.Length < SerialBelow(IsTranscendental(op)))
        {
            UnaryKernels.Apply(op, x.AsSpan(lx.Offset, y.Length), y);
            return y;
        }
        UnaryStrided(op, x, lx, y);
        return y;
    }

    // The general case of Unary, row by row across the cores. A method of its own, so that the closure is allocated
    // only on this path, not by every small op.
    private static void UnaryStrided<T>(UnaryOp op, T[] x, Layout lx, T[] y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plan = StridedRows.Plan(lx, Layout.Contiguous(lx.Shape));
        CpuParallel.ForSegments(plan.RowCount, plan.RowLength, (row, start, length) =>
        {
            Span<int> at = stackalloc int[2];
            plan.RowOffsets(row, at);
            var sx = plan.InnerStrides[0];
            var dst = y.AsSpan(at[1] + start, length);
            if (sx == 1)
            {
                UnaryKernels.Apply(op, x.AsSpan(at[0] + start, length), dst);
            }
            else
            {
                GatherRow(x, at[0] + start * sx, sx, dst);
                UnaryKernels.Apply(op, dst, dst);
            }
        });
    }

    private static T[] Binary<T>(BinaryOp op, T[] a, Layout la, T[] b, Layout lb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = HostPool.Rent<T>(la.ElementCount);
        if (y.Length < SerialBelow(op == BinaryOp.Pow))
        {
            // Small and contiguous, or contiguous against one broadcast value (x·c, x + c): one call, no row plan.
            if (la.IsContiguous && lb.IsContiguous)
            {
                BinaryKernels.Apply(op, a.AsSpan(la.Offset, y.Length), b.AsSpan(lb.Offset, y.Length), y);
                return y;
            }
            if (la.IsContiguous && IsOneValue(lb))
            {
                BinaryKernels.ApplyScalarRight(op, a.AsSpan(la.Offset, y.Length), b[lb.Offset], y);
                return y;
            }
            if (IsOneValue(la) && lb.IsContiguous)
            {
                BinaryKernels.ApplyScalarLeft(op, a[la.Offset], b.AsSpan(lb.Offset, y.Length), y);
                return y;
            }
            // Contiguous against one row repeated down the leading axes (x + bias): one call per row.
            if (la.IsContiguous && RepeatedRow(lb) is var row and > 0)
            {
                for (var start = 0; start < y.Length; start += row)
                {
                    BinaryKernels.Apply(op, a.AsSpan(la.Offset + start, row), b.AsSpan(lb.Offset, row), y.AsSpan(start, row));
                }
                return y;
            }
        }
        // Contiguous against values each repeated along the trailing axes (a max's backward: g / count against [x = max]).
        if (BinaryKernels.HasRunsForm(op) && la.IsContiguous && Runs(lb) is var run and > 0)
        {
            BinaryRuns(op, a, la.Offset, b, lb.Offset, run, y, valuesLeft: false);
            return y;
        }
        if (BinaryKernels.HasRunsForm(op) && lb.IsContiguous && Runs(la) is var runLeft and > 0)
        {
            BinaryRuns(op, b, lb.Offset, a, la.Offset, runLeft, y, valuesLeft: true);
            return y;
        }
        BinaryStrided(op, a, la, b, lb, y);
        return y;
    }

    // The general case of Binary, row by row across the cores (a method of its own for the same reason as UnaryStrided).
    private static void BinaryStrided<T>(BinaryOp op, T[] a, Layout la, T[] b, Layout lb, T[] y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plan = StridedRows.Plan(la, lb, Layout.Contiguous(la.Shape));
        CpuParallel.ForSegments(plan.RowCount, plan.RowLength, (row, start, length) =>
        {
            Span<int> at = stackalloc int[3];
            plan.RowOffsets(row, at);
            int sa = plan.InnerStrides[0], sb = plan.InnerStrides[1];
            int oa = at[0] + start * sa, ob = at[1] + start * sb;
            var dst = y.AsSpan(at[2] + start, length);
            switch (sa, sb)
            {
                case (1, 1): BinaryKernels.Apply(op, a.AsSpan(oa, length), b.AsSpan(ob, length), dst); break;
                case (0, 1): BinaryKernels.ApplyScalarLeft(op, a[oa], b.AsSpan(ob, length), dst); break;
                case (1, 0): BinaryKernels.ApplyScalarRight(op, a.AsSpan(oa, length), b[ob], dst); break;
                case (0, 0): dst.Fill(BinaryKernels.Scalar(op, a[oa], b[ob])); break;
                default:
                    for (var i = 0; i < length; i++)
                    {
                        dst[i] = BinaryKernels.Scalar(op, a[oa + i * sa], b[ob + i * sb]);
                    }
                    break;
            }
        });
    }

    // The length of the contiguous row that a layout repeats along its leading axes (strides 0, …, 0 then row-major
    // strides for the rest), or 0 when it is not such a layout.
    private static int RepeatedRow(Layout layout)
    {
        var dims = layout.Shape.AsSpan();
        var strides = layout.Strides;
        int axis = dims.Length, row = 1;
        while (axis > 0 && strides[axis - 1] == row)
        {
            axis--;
            row *= dims[axis];
        }
        for (var i = 0; i < axis; i++)
        {
            if (strides[i] != 0 && dims[i] != 1)
            {
                return 0;
            }
        }
        return row;
    }

    // y = a ∘ values repeated in runs (BinaryKernels.ApplyRuns): one call below the serial size, else whole runs per core
    // (each output element is computed alone, so the split changes no bit).
    private static void BinaryRuns<T>(BinaryOp op, T[] a, int aOffset, T[] values, int valuesOffset, int run, T[] y, bool valuesLeft)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Length < SerialBelow(transcendental: false))
        {
            BinaryKernels.ApplyRuns(op, a.AsSpan(aOffset, y.Length), values.AsSpan(valuesOffset, y.Length / run), y, valuesLeft);
            return;
        }
        BinaryRunsAcrossCores(op, a, aOffset, values, valuesOffset, run, y, valuesLeft);
    }

    // The parallel half of BinaryRuns (a method of its own, so that only this path allocates the closure).
    private static void BinaryRunsAcrossCores<T>(BinaryOp op, T[] a, int aOffset, T[] values, int valuesOffset, int run, T[] y, bool valuesLeft)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        CpuParallel.For(y.Length / run, run, (r0, r1) =>
            BinaryKernels.ApplyRuns(op, a.AsSpan(aOffset + r0 * run, (r1 - r0) * run), values.AsSpan(valuesOffset + r0, r1 - r0),
                y.AsSpan(r0 * run, (r1 - r0) * run), valuesLeft));

    // The comparison's form of BinaryRuns.
    private static void CompareRuns<T>(CompareOp op, T[] a, int aOffset, T[] values, int valuesOffset, int run, T[] y)
        where T : unmanaged, INumber<T>
    {
        if (y.Length < SerialBelow(transcendental: false))
        {
            BinaryKernels.CompareRuns(op, a.AsSpan(aOffset, y.Length), values.AsSpan(valuesOffset, y.Length / run), y);
            return;
        }
        CompareRunsAcrossCores(op, a, aOffset, values, valuesOffset, run, y);
    }

    // The parallel half of CompareRuns.
    private static void CompareRunsAcrossCores<T>(CompareOp op, T[] a, int aOffset, T[] values, int valuesOffset, int run, T[] y)
        where T : unmanaged, INumber<T> =>
        CpuParallel.For(y.Length / run, run, (r0, r1) =>
            BinaryKernels.CompareRuns(op, a.AsSpan(aOffset + r0 * run, (r1 - r0) * run), values.AsSpan(valuesOffset + r0, r1 - r0), y.AsSpan(r0 * run, (r1 - r0) * run)));

    // The number of times each value repeats when a layout holds contiguous values broadcast along its trailing axes
    // (strides 0 there, row-major strides before them: a [R, 1] operand against [R, k] has runs of k), or 0 when it
    // is not such a layout, repeats nothing, or is one value (whose long run the strided walk splits across the cores).
    private static int Runs(Layout layout)
    {
        var dims = layout.Shape.AsSpan();
        var strides = layout.Strides;
        int axis = dims.Length, run = 1;
        while (axis > 0 && (strides[axis - 1] == 0 || dims[axis - 1] == 1))
        {
            axis--;
            run *= dims[axis];
        }
        for (int i = axis - 1, expected = 1; i >= 0; i--)
        {
            if (dims[i] != 1 && strides[i] != expected)
            {
                return 0;
            }
            expected *= dims[i];
        }
        return axis > 0 && run > 1 && layout.ElementCount > 0 ? run : 0;
    }

    // A layout that repeats one element everywhere (stride 0 on every dimension longer than 1: a scalar broadcast to a
    // shape, such as the gradient of a sum).
    private static bool IsOneValue(Layout layout)
    {
        var dims = layout.Shape.AsSpan();
        var strides = layout.Strides;
        for (var i = 0; i < dims.Length; i++)
        {
            if (strides[i] != 0 && dims[i] != 1)
            {
                return false;
            }
        }
        return layout.ElementCount > 0;
    }

    private static T[] Compare<T>(CompareOp op, T[] a, Layout la, T[] b, Layout lb) where T : unmanaged, INumber<T>
    {
        var y = HostPool.Rent<T>(la.ElementCount);
        if (y.Length < SerialBelow(transcendental: false))
        {
            // The forms of Binary's fast paths; a broadcast operand on the left compares with the mirrored op.
            if (la.IsContiguous && lb.IsContiguous)
            {
                BinaryKernels.Compare(op, a.AsSpan(la.Offset, y.Length), b.AsSpan(lb.Offset, y.Length), y);
                return y;
            }
            if (la.IsContiguous && IsOneValue(lb))
            {
                BinaryKernels.CompareScalarRight(op, a.AsSpan(la.Offset, y.Length), b[lb.Offset], y);
                return y;
            }
            if (IsOneValue(la) && lb.IsContiguous)
            {
                BinaryKernels.CompareScalarRight(BinaryKernels.Mirror(op), b.AsSpan(lb.Offset, y.Length), a[la.Offset], y);
                return y;
            }
        }
        if (la.IsContiguous && Runs(lb) is var run and > 0)
        {
            CompareRuns(op, a, la.Offset, b, lb.Offset, run, y);
            return y;
        }
        if (lb.IsContiguous && Runs(la) is var runLeft and > 0)
        {
            CompareRuns(BinaryKernels.Mirror(op), b, lb.Offset, a, la.Offset, runLeft, y);
            return y;
        }
        CompareStrided(op, a, la, b, lb, y);
        return y;
    }

    // The general case of Compare, row by row across the cores (a method of its own for the same reason as UnaryStrided).
    private static void CompareStrided<T>(CompareOp op, T[] a, Layout la, T[] b, Layout lb, T[] y) where T : unmanaged, INumber<T>
    {
        var plan = StridedRows.Plan(la, lb, Layout.Contiguous(la.Shape));
        CpuParallel.ForSegments(plan.RowCount, plan.RowLength, (row, start, length) =>
        {
            Span<int> at = stackalloc int[3];
            plan.RowOffsets(row, at);
            int sa = plan.InnerStrides[0], sb = plan.InnerStrides[1];
            int oa = at[0] + start * sa, ob = at[1] + start * sb;
            var dst = y.AsSpan(at[2] + start, length);
            switch (sa, sb)
            {
                case (1, 1): BinaryKernels.Compare(op, a.AsSpan(oa, length), b.AsSpan(ob, length), dst); break;
                case (1, 0): BinaryKernels.CompareScalarRight(op, a.AsSpan(oa, length), b[ob], dst); break;
                case (0, 1): BinaryKernels.CompareScalarRight(BinaryKernels.Mirror(op), b.AsSpan(ob, length), a[oa], dst); break;
                default:
                    for (var i = 0; i < length; i++)
                    {
                        dst[i] = BinaryKernels.Compare(op, a[oa + i * sa], b[ob + i * sb]) ? T.One : T.Zero;
                    }
                    break;
            }
        });
    }

    /// <summary>a where mask ≠ 0, else b, written into a; b (a pooled gather) goes back to the pool.</summary>
    private static T[] Select<TC, T>(TC[] mask, T[] a, T[] b) where TC : unmanaged, INumber<TC> where T : unmanaged
    {
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] == TC.Zero)
            {
                a[i] = b[i];
            }
        }
        HostPool.Return(b);
        return a;
    }

    // One pass from x into the result, on the calling thread while the array is small enough, else over the cores;
    // a strided x is gathered first and clamped in place.
    private static T[] Clamp<T>(T[] x, Layout lx, T min, T max) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (lx.IsContiguous && lx.ElementCount < SerialBelow(transcendental: false))
        {
            var y = HostPool.Rent<T>(lx.ElementCount);
            UnaryKernels.Clamp(x.AsSpan(lx.Offset, y.Length), min, max, y);
            return y;
        }
        if (lx.IsContiguous)
        {
            var y = HostPool.Rent<T>(lx.ElementCount);
            CpuParallel.For(y.Length, 1, (s, e) => UnaryKernels.Clamp(x.AsSpan(lx.Offset + s, e - s), min, max, y.AsSpan(s, e - s)));
            return y;
        }
        var gathered = Gather(x, lx);
        CpuParallel.For(gathered.Length, 1, (s, e) =>
        {
            var span = gathered.AsSpan(s, e - s);
            UnaryKernels.Clamp(span, min, max, span);
        });
        return gathered;
    }
}
