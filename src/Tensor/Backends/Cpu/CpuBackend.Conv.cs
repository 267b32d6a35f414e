using System.Numerics;

namespace Scratch.Backends.Cpu;

// Convolution and pooling: contiguous operands are read in place (a view is gathered once), and outputs that the
// kernel overwrites in full are allocated without zeroing; the backward kernels of pooling accumulate, so theirs are zeroed.
internal sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public Storage Conv2d(Storage x, Layout lx, Storage w, Layout lw, Storage? bias, Layout? lb, Conv2dGeometry g) => x.DType == DType.Float32
        ? Conv2d<float>(x, lx, w, lw, bias, lb, g)
        : Conv2d<double>(x, lx, w, lw, bias, lb, g);

    /// <inheritdoc/>
    public Storage Conv2dBackwardInput(Storage gy, Layout lgy, Storage w, Layout lw, Conv2dGeometry g) => gy.DType == DType.Float32
        ? Conv2dBackwardInput<float>(gy, lgy, w, lw, g)
        : Conv2dBackwardInput<double>(gy, lgy, w, lw, g);

    /// <inheritdoc/>
    public Storage Conv2dBackwardWeight(Storage x, Layout lx, Storage gy, Layout lgy, Conv2dGeometry g) => x.DType == DType.Float32
        ? Conv2dBackwardWeight<float>(x, lx, gy, lgy, g)
        : Conv2dBackwardWeight<double>(x, lx, gy, lgy, g);

    /// <inheritdoc/>
    public (Storage Output, Storage Argmax) MaxPool2d(Storage x, Layout lx, Pool2dGeometry g) => x.DType == DType.Float32
        ? MaxPool2d<float>(x, lx, g)
        : MaxPool2d<double>(x, lx, g);

    /// <inheritdoc/>
    public Storage MaxPool2dBackward(Storage gy, Layout lgy, Storage argmax, Layout la, Pool2dGeometry g) => gy.DType == DType.Float32
        ? MaxPool2dBackward<float>(gy, lgy, argmax, la, g)
        : MaxPool2dBackward<double>(gy, lgy, argmax, la, g);

    /// <inheritdoc/>
    public Storage AvgPool2d(Storage x, Layout lx, Pool2dGeometry g) => x.DType == DType.Float32
        ? AvgPool2d<float>(x, lx, g)
        : AvgPool2d<double>(x, lx, g);

    /// <inheritdoc/>
    public Storage AvgPool2dBackward(Storage gy, Layout lgy, Pool2dGeometry g) => gy.DType == DType.Float32
        ? AvgPool2dBackward<float>(gy, lgy, g)
        : AvgPool2dBackward<double>(gy, lgy, g);

    private static HostStorage<T> Conv2d<T>(Storage x, Layout lx, Storage w, Layout lw, Storage? bias, Layout? lb, Conv2dGeometry g)
        where T : unmanaged, INumber<T>
    {
        g.Validate();
        var y = HostPool.Rent<T>((int)g.OutputLength);
        Conv2dEngine.Forward(g, Read<T>(x, lx), Read<T>(w, lw), bias is null ? [] : Read<T>(bias, lb!), y, null);
        return Result(y);
    }

    private static HostStorage<T> Conv2dBackwardInput<T>(Storage gy, Layout lgy, Storage w, Layout lw, Conv2dGeometry g)
        where T : unmanaged, INumber<T>
    {
        g.Validate();
        var gx = HostPool.Rent<T>((int)g.InputLength);
        Conv2dEngine.BackwardInput(g, Read<T>(gy, lgy), Read<T>(w, lw), gx, null);
        return Result(gx);
    }

    private static HostStorage<T> Conv2dBackwardWeight<T>(Storage x, Layout lx, Storage gy, Layout lgy, Conv2dGeometry g)
        where T : unmanaged, INumber<T>
    {
        g.Validate();
        var gw = HostPool.Rent<T>((int)g.WeightLength);
        Conv2dEngine.BackwardWeight(g, Read<T>(x, lx), Read<T>(gy, lgy), gw, [], null);
        return Result(gw);
    }

    private static (Storage Output, Storage Argmax) MaxPool2d<T>(Storage x, Layout lx, Pool2dGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate();
        var y = HostPool.Rent<T>((int)g.OutputLength);
        var argmax = HostPool.Rent<int>((int)g.OutputLength);
        Pool2dEngine.MaxForward(g, Read<T>(x, lx), y, argmax);
        return (Result(y), Result(argmax));
    }

    private static HostStorage<T> MaxPool2dBackward<T>(Storage gy, Layout lgy, Storage argmax, Layout la, Pool2dGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate();
        var gx = HostPool.Rent<T>((int)g.InputLength);
        Pool2dEngine.MaxBackward(g, Read<T>(gy, lgy), Read<int>(argmax, la), gx, clearFirst: true);
        return Result(gx);
    }

    private static HostStorage<T> AvgPool2d<T>(Storage x, Layout lx, Pool2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate();
        var y = HostPool.Rent<T>((int)g.OutputLength);
        Pool2dEngine.AvgForward(g, Read<T>(x, lx), y);
        return Result(y);
    }

    private static HostStorage<T> AvgPool2dBackward<T>(Storage gy, Layout lgy, Pool2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate();
        var gx = HostPool.Rent<T>((int)g.InputLength);
        Pool2dEngine.AvgBackward(g, Read<T>(gy, lgy), gx, clearFirst: true);
        return Result(gx);
    }

    /// <summary>The elements of a view, row-major: the storage itself when the view is contiguous, else a gathered copy.</summary>
    private static ReadOnlySpan<T> Read<T>(Storage storage, Layout layout) where T : unmanaged => layout.IsContiguous
        ? Data<T>(storage).AsSpan(layout.Offset, layout.ElementCount)
        : Gather(Data<T>(storage), layout);
}
