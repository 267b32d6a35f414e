using ILGPU;
using Scratch.Backends.Cpu;
using Scratch.Backends.Gpu.Kernels;

namespace Scratch.Backends.Gpu;

internal sealed partial class IlgpuBackend
{
    /// <inheritdoc/>
    public Storage Conv2d(Storage x, Layout lx, Storage w, Layout lw, Storage? bias, Layout? lb, Conv2dGeometry g) => x.DType == DType.Float32
        ? Conv2d<float, F32>(x, lx, w, lw, bias, lb, g)
        : Conv2d<double, F64>(x, lx, w, lw, bias, lb, g);

    /// <inheritdoc/>
    public Storage Conv2dBackwardInput(Storage gy, Layout lgy, Storage w, Layout lw, Conv2dGeometry g) => gy.DType == DType.Float32
        ? Conv2dBackwardInput<float, F32>(gy, lgy, w, lw, g)
        : Conv2dBackwardInput<double, F64>(gy, lgy, w, lw, g);

    /// <inheritdoc/>
    public Storage Conv2dBackwardWeight(Storage x, Layout lx, Storage gy, Layout lgy, Conv2dGeometry g) => x.DType == DType.Float32
        ? Conv2dBackwardWeight<float, F32>(x, lx, gy, lgy, g)
        : Conv2dBackwardWeight<double, F64>(x, lx, gy, lgy, g);

    /// <inheritdoc/>
    public (Storage Output, Storage Argmax) MaxPool2d(Storage x, Layout lx, Pool2dGeometry g) => x.DType == DType.Float32
        ? MaxPool2d<float, F32>(x, lx, g)
        : MaxPool2d<double, F64>(x, lx, g);

    /// <inheritdoc/>
    public Storage MaxPool2dBackward(Storage gy, Layout lgy, Storage argmax, Layout la, Pool2dGeometry g) => gy.DType == DType.Float32
        ? MaxPool2dBackward<float, F32>(gy, lgy, argmax, la, g)
        : MaxPool2dBackward<double, F64>(gy, lgy, argmax, la, g);

    /// <inheritdoc/>
    public Storage AvgPool2d(Storage x, Layout lx, Pool2dGeometry g) => x.DType == DType.Float32
        ? AvgPool2d<float, F32>(x, lx, g)
        : AvgPool2d<double, F64>(x, lx, g);

    /// <inheritdoc/>
    public Storage AvgPool2dBackward(Storage gy, Layout lgy, Pool2dGeometry g) => gy.DType == DType.Float32
        ? AvgPool2dBackward<float, F32>(gy, lgy, g)
        : AvgPool2dBackward<double, F64>(gy, lgy, g);

    private DeviceStorage<T> Conv2d<T, TN>(Storage x, Layout lx, Storage w, Layout lw, Storage? bias, Layout? lb, Conv2dGeometry g)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var y = Allocate<T>((int)g.OutputLength);
        if (y.Length > 0)
        {
            using var dx = Dense<T>(x, lx);
            using var dw = Dense<T>(w, lw);
            using var db = bias is null ? null : Dense<T>(bias, lb!);
            Kernels.Auto<ArrayView<T>, ArrayView<T>, ArrayView<T>, int, Conv2dGeometry, ArrayView<T>>(ConvKernels.Forward<T, TN>)(
                y.Length, dx.View, dw.View, (db ?? dw).View, db is null ? 0 : 1, g, y.View);
        }
        return y;
    }

    private DeviceStorage<T> Conv2dBackwardInput<T, TN>(Storage gy, Layout lgy, Storage w, Layout lw, Conv2dGeometry g)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var gx = Allocate<T>((int)g.InputLength);
        if (gx.Length > 0)
        {
            using var dgy = Dense<T>(gy, lgy);
            using var dw = Dense<T>(w, lw);
            Kernels.Auto<ArrayView<T>, ArrayView<T>, Conv2dGeometry, ArrayView<T>>(ConvKernels.BackwardInput<T, TN>)(gx.Length, dgy.View, dw.View, g, gx.View);
        }
        return gx;
    }

    private DeviceStorage<T> Conv2dBackwardWeight<T, TN>(Storage x, Layout lx, Storage gy, Layout lgy, Conv2dGeometry g)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var gw = Allocate<T>((int)g.WeightLength);
        if (gw.Length > 0)
        {
            using var dx = Dense<T>(x, lx);
            using var dgy = Dense<T>(gy, lgy);
            Kernels.Auto<ArrayView<T>, ArrayView<T>, Conv2dGeometry, ArrayView<T>>(ConvKernels.BackwardWeight<T, TN>)(gw.Length, dx.View, dgy.View, g, gw.View);
        }
        return gw;
    }

    private (Storage, Storage) MaxPool2d<T, TN>(Storage x, Layout lx, Pool2dGeometry g) where T : unmanaged where TN : struct, INumeric<T>
    {
        var n = (int)g.OutputLength;
        var y = Allocate<T>(n);
        var argmax = Allocate<int>(n);
        if (n > 0)
        {
            using var dx = Dense<T>(x, lx);
            Kernels.Auto<ArrayView<T>, Pool2dGeometry, ArrayView<T>, ArrayView<int>>(ConvKernels.MaxPool<T, TN>)(n, dx.View, g, y.View, argmax.View);
        }
        return (y, argmax);
    }

    private DeviceStorage<T> MaxPool2dBackward<T, TN>(Storage gy, Layout lgy, Storage argmax, Layout la, Pool2dGeometry g)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        var gx = Allocate<T>((int)g.InputLength);
        if (gx.Length > 0)
        {
            using var dgy = Dense<T>(gy, lgy);
            using var da = Dense<int>(argmax, la);
            Kernels.Auto<ArrayView<T>, ArrayView<int>, Pool2dGeometry, ArrayView<T>>(ConvKernels.MaxPoolBackward<T, TN>)(gx.Length, dgy.View, da.View, g, gx.View);
        }
        return gx;
    }

    private DeviceStorage<T> AvgPool2d<T, TN>(Storage x, Layout lx, Pool2dGeometry g) where T : unmanaged where TN : struct, INumeric<T>
    {
        var y = Allocate<T>((int)g.OutputLength);
        if (y.Length > 0)
        {
            using var dx = Dense<T>(x, lx);
            Kernels.Auto<ArrayView<T>, Pool2dGeometry, ArrayView<T>>(ConvKernels.AvgPool<T, TN>)(y.Length, dx.View, g, y.View);
        }
        return y;
    }

    private DeviceStorage<T> AvgPool2dBackward<T, TN>(Storage gy, Layout lgy, Pool2dGeometry g) where T : unmanaged where TN : struct, INumeric<T>
    {
        var gx = Allocate<T>((int)g.InputLength);
        if (gx.Length > 0)
        {
            using var dgy = Dense<T>(gy, lgy);
            Kernels.Auto<ArrayView<T>, Pool2dGeometry, ArrayView<T>>(ConvKernels.AvgPoolBackward<T, TN>)(gx.Length, dgy.View, g, gx.View);
        }
        return gx;
    }

    // A contiguous copy of a view for the direct kernels (they index NCHW densely); disposed after the launch,
    // which is safe because later work on the recycled buffer is queued behind the kernel on the same stream.
    private DeviceStorage<T> Dense<T>(Storage x, Layout layout) where T : unmanaged => Copy<T>(x, layout);
}
