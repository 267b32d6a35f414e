using ILGPU;
using Scratch.Backends.Gpu.Kernels;

namespace Scratch.Backends.Gpu;

internal sealed partial class IlgpuBackend
{
    /// <inheritdoc/>
    public Storage Unary(UnaryOp op, Storage x, Layout lx) => x.DType switch
    {
        DType.Float32 => Unary<float, F32>(op, x, lx),
        DType.Float64 => Unary<double, F64>(op, x, lx),
        _ => throw Unsupported(op.ToString(), x.DType),
    };

    /// <inheritdoc/>
    public Storage Binary(BinaryOp op, Storage a, Layout la, Storage b, Layout lb) => a.DType switch
    {
        DType.Float32 => Binary<float, F32>(op, a, la, b, lb),
        DType.Float64 => Binary<double, F64>(op, a, la, b, lb),
        _ => throw Unsupported(op.ToString(), a.DType),
    };

    /// <inheritdoc/>
    public Storage Compare(CompareOp op, Storage a, Layout la, Storage b, Layout lb) => a.DType switch
    {
        DType.Float32 => Compare<float, F32>(op, a, la, b, lb),
        DType.Float64 => Compare<double, F64>(op, a, la, b, lb),
        _ => Compare<int, I32>(op, a, la, b, lb),
    };

    /// <inheritdoc/>
    public Storage Where(Storage cond, Layout lc, Storage a, Layout la, Storage b, Layout lb) => cond.DType switch
    {
        DType.Float32 => Where<float, F32>(cond, lc, a, la, b, lb),
        DType.Float64 => Where<double, F64>(cond, lc, a, la, b, lb),
        _ => Where<int, I32>(cond, lc, a, la, b, lb),
    };

    /// <inheritdoc/>
    public Storage Clamp(Storage x, Layout lx, double min, double max) => x.DType switch
    {
        DType.Float32 => Clamp<float, F32>(x, lx, (float)min, (float)max),
        DType.Float64 => Clamp<double, F64>(x, lx, min, max),
        _ => throw Unsupported("clamp", x.DType),
    };

    /// <inheritdoc/>
    public Storage SignStep(Storage x, Layout lx, Storage direction, Layout ld, double step, double min, double max) => x.DType switch
    {
        DType.Float32 => SignStep<float, F32>(x, lx, direction, ld, (float)step, (float)min, (float)max),
        DType.Float64 => SignStep<double, F64>(x, lx, direction, ld, step, min, max),
        _ => throw Unsupported("add_sign_step", x.DType),
    };

    private Storage Unary<T, TN>(UnaryOp op, Storage x, Layout lx) where T : unmanaged where TN : struct, INumeric<T> => op switch
    {
        UnaryOp.Neg => Map<T, TN, NegOp>(x, lx),
        UnaryOp.Abs => Map<T, TN, AbsOp>(x, lx),
        UnaryOp.Sign => Map<T, TN, SignOp>(x, lx),
        UnaryOp.Exp => Map<T, TN, ExpOp>(x, lx),
        UnaryOp.Log => Map<T, TN, LogOp>(x, lx),
        UnaryOp.Sqrt => Map<T, TN, SqrtOp>(x, lx),
        UnaryOp.Square => Map<T, TN, SquareOp>(x, lx),
        UnaryOp.Reciprocal => Map<T, TN, ReciprocalOp>(x, lx),
        UnaryOp.Sin => Map<T, TN, SinOp>(x, lx),
        UnaryOp.Cos => Map<T, TN, CosOp>(x, lx),
        UnaryOp.Tanh => Map<T, TN, TanhOp>(x, lx),
        UnaryOp.Sigmoid => Map<T, TN, SigmoidOp>(x, lx),
        UnaryOp.Relu => Map<T, TN, ReluOp>(x, lx),
        UnaryOp.Softplus => Map<T, TN, SoftplusOp>(x, lx),
        UnaryOp.Step => Map<T, TN, StepOp>(x, lx),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown unary op"),
    };

    private Storage Binary<T, TN>(BinaryOp op, Storage a, Layout la, Storage b, Layout lb) where T : unmanaged where TN : struct, INumeric<T> => op switch
    {
        BinaryOp.Add => Zip<T, TN, AddOp>(a, la, b, lb),
        BinaryOp.Sub => Zip<T, TN, SubOp>(a, la, b, lb),
        BinaryOp.Mul => Zip<T, TN, MulOp>(a, la, b, lb),
        BinaryOp.Div => Zip<T, TN, DivOp>(a, la, b, lb),
        BinaryOp.Max => Zip<T, TN, MaxOp>(a, la, b, lb),
        BinaryOp.Min => Zip<T, TN, MinOp>(a, la, b, lb),
        BinaryOp.Pow => Zip<T, TN, PowOp>(a, la, b, lb),
        BinaryOp.ReluBackward => Zip<T, TN, ReluBackwardOp>(a, la, b, lb),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown binary op"),
    };

    private Storage Compare<T, TS>(CompareOp op, Storage a, Layout la, Storage b, Layout lb) where T : unmanaged where TS : struct, IScalar<T> => op switch
    {
        CompareOp.Equal => Compare<T, TS, EqualOp>(a, la, b, lb),
        CompareOp.NotEqual => Compare<T, TS, NotEqualOp>(a, la, b, lb),
        CompareOp.Less => Compare<T, TS, LessOp>(a, la, b, lb),
        CompareOp.LessEqual => Compare<T, TS, LessEqualOp>(a, la, b, lb),
        CompareOp.Greater => Compare<T, TS, GreaterOp>(a, la, b, lb),
        CompareOp.GreaterEqual => Compare<T, TS, GreaterEqualOp>(a, la, b, lb),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown comparison"),
    };

    private DeviceStorage<T> Map<T, TN, TOp>(Storage x, Layout lx) where T : unmanaged where TN : struct, INumeric<T> where TOp : struct, IUnaryOp
    {
        var y = Allocate<T>(lx.ElementCount);
        if (lx.ElementCount > 0)
        {
            Kernels.Auto<ArrayView<T>, StridedView, ArrayView<T>>(ElementwiseKernels.Map<T, TN, TOp>)(lx.ElementCount, View<T>(x), ViewCollapse.Of(lx), y.View);
        }
        return y;
    }

    private DeviceStorage<T> Zip<T, TN, TOp>(Storage a, Layout la, Storage b, Layout lb) where T : unmanaged where TN : struct, INumeric<T> where TOp : struct, IBinaryOp
    {
        var y = Allocate<T>(la.ElementCount);
        if (la.ElementCount > 0)
        {
            var v = ViewCollapse.Joint(la, lb);
            Kernels.Auto<ArrayView<T>, StridedView, ArrayView<T>, StridedView, ArrayView<T>>(ElementwiseKernels.Zip<T, TN, TOp>)(
                la.ElementCount, View<T>(a), v[0], View<T>(b), v[1], y.View);
        }
        return y;
    }

    private DeviceStorage<T> Compare<T, TS, TOp>(Storage a, Layout la, Storage b, Layout lb) where T : unmanaged where TS : struct, IScalar<T> where TOp : struct, ICompareOp
    {
        var y = Allocate<T>(la.ElementCount);
        if (la.ElementCount > 0)
        {
            var v = ViewCollapse.Joint(la, lb);
            Kernels.Auto<ArrayView<T>, StridedView, ArrayView<T>, StridedView, ArrayView<T>>(ElementwiseKernels.Compare<T, TS, TOp>)(
                la.ElementCount, View<T>(a), v[0], View<T>(b), v[1], y.View);
        }
        return y;
    }

    private Storage Where<TC, TCS>(Storage cond, Layout lc, Storage a, Layout la, Storage b, Layout lb) where TC : unmanaged where TCS : struct, IScalar<TC> => a.DType switch
    {
        DType.Float32 => Where<TC, TCS, float>(cond, lc, a, la, b, lb),
        DType.Float64 => Where<TC, TCS, double>(cond, lc, a, la, b, lb),
        _ => Where<TC, TCS, int>(cond, lc, a, la, b, lb),
    };

    private DeviceStorage<T> Where<TC, TCS, T>(Storage cond, Layout lc, Storage a, Layout la, Storage b, Layout lb)
        where TC : unmanaged where TCS : struct, IScalar<TC> where T : unmanaged
    {
        var y = Allocate<T>(la.ElementCount);
        if (la.ElementCount > 0)
        {
            var v = ViewCollapse.Joint(lc, la, lb);
            Kernels.Auto<ArrayView<TC>, StridedView, ArrayView<T>, StridedView, ArrayView<T>, StridedView, ArrayView<T>>(ElementwiseKernels.Where<TC, TCS, T>)(
                la.ElementCount, View<TC>(cond), v[0], View<T>(a), v[1], View<T>(b), v[2], y.View);
        }
        return y;
    }

    private DeviceStorage<T> SignStep<T, TN>(Storage x, Layout lx, Storage d, Layout ld, T step, T min, T max) where T : unmanaged where TN : struct, INumeric<T>
    {
        var y = Allocate<T>(lx.ElementCount);
        if (lx.ElementCount > 0)
        {
            var v = ViewCollapse.Joint(lx, ld);
            Kernels.Auto<ArrayView<T>, StridedView, ArrayView<T>, StridedView, T, T, T, ArrayView<T>>(ElementwiseKernels.SignStep<T, TN>)(
                lx.ElementCount, View<T>(x), v[0], View<T>(d), v[1], step, min, max, y.View);
        }
        return y;
    }

    private DeviceStorage<T> Clamp<T, TN>(Storage x, Layout lx, T min, T max) where T : unmanaged where TN : struct, INumeric<T>
    {
        var y = Allocate<T>(lx.ElementCount);
        if (lx.ElementCount > 0)
        {
            Kernels.Auto<ArrayView<T>, StridedView, T, T, ArrayView<T>>(ElementwiseKernels.Clamp<T, TN>)(lx.ElementCount, View<T>(x), ViewCollapse.Of(lx), min, max, y.View);
        }
        return y;
    }
}
