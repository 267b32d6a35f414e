using System.Numerics;
using Scratch.Backends.Cpu;

namespace Scratch.Backends.Reference;

internal sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public Storage Conv2d(Storage x, Layout lx, Storage w, Layout lw, Storage? bias, Layout? lb, Conv2dGeometry g) =>
        x.DType == DType.Float32 ? Conv2d<float>(x, lx, w, lw, bias, lb, g) : Conv2d<double>(x, lx, w, lw, bias, lb, g);

    /// <inheritdoc/>
    public Storage Conv2dBackwardInput(Storage gy, Layout lgy, Storage w, Layout lw, Conv2dGeometry g) =>
        gy.DType == DType.Float32 ? Conv2dBackwardInput<float>(gy, lgy, w, lw, g) : Conv2dBackwardInput<double>(gy, lgy, w, lw, g);

    /// <inheritdoc/>
    public Storage Conv2dBackwardWeight(Storage x, Layout lx, Storage gy, Layout lgy, Conv2dGeometry g) =>
        x.DType == DType.Float32 ? Conv2dBackwardWeight<float>(x, lx, gy, lgy, g) : Conv2dBackwardWeight<double>(x, lx, gy, lgy, g);

    /// <inheritdoc/>
    public (Storage Output, Storage Argmax) MaxPool2d(Storage x, Layout lx, Pool2dGeometry g) =>
        x.DType == DType.Float32 ? MaxPool2d<float>(x, lx, g) : MaxPool2d<double>(x, lx, g);

    /// <inheritdoc/>
    public Storage MaxPool2dBackward(Storage gy, Layout lgy, Storage argmax, Layout la, Pool2dGeometry g) =>
        gy.DType == DType.Float32 ? MaxPool2dBackward<float>(gy, lgy, argmax, la, g) : MaxPool2dBackward<double>(gy, lgy, argmax, la, g);

    /// <inheritdoc/>
    public Storage AvgPool2d(Storage x, Layout lx, Pool2dGeometry g) =>
        x.DType == DType.Float32 ? AvgPool2d<float>(x, lx, g) : AvgPool2d<double>(x, lx, g);

    /// <inheritdoc/>
    public Storage AvgPool2dBackward(Storage gy, Layout lgy, Pool2dGeometry g) =>
        gy.DType == DType.Float32 ? AvgPool2dBackward<float>(gy, lgy, g) : AvgPool2dBackward<double>(gy, lgy, g);

    private HostStorage<T> Conv2d<T>(Storage x, Layout lx, Storage w, Layout lw, Storage? bias, Layout? lb, Conv2dGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[g.OutputLength];
        var b = bias is null ? [] : ToHost<T>(bias, lb!);
        ReferenceConv2d.Forward<T>(g, ToHost<T>(x, lx), ToHost<T>(w, lw), b, y);
        return new HostStorage<T>(y);
    }

    private HostStorage<T> Conv2dBackwardInput<T>(Storage gy, Layout lgy, Storage w, Layout lw, Conv2dGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gx = new T[g.InputLength];
        ReferenceConv2d.BackwardInput<T>(g, ToHost<T>(gy, lgy), ToHost<T>(w, lw), gx);
        return new HostStorage<T>(gx);
    }

    private HostStorage<T> Conv2dBackwardWeight<T>(Storage x, Layout lx, Storage gy, Layout lgy, Conv2dGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gw = new T[g.WeightLength];
        ReferenceConv2d.BackwardWeight<T>(g, ToHost<T>(x, lx), ToHost<T>(gy, lgy), gw, []);
        return new HostStorage<T>(gw);
    }

    private (Storage, Storage) MaxPool2d<T>(Storage x, Layout lx, Pool2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[g.OutputLength];
        var argmax = new int[g.OutputLength];
        ReferencePool2d.MaxForward<T>(g, ToHost<T>(x, lx), y, argmax);
        return (new HostStorage<T>(y), new HostStorage<int>(argmax));
    }

    private HostStorage<T> MaxPool2dBackward<T>(Storage gy, Layout lgy, Storage argmax, Layout la, Pool2dGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gx = new T[g.InputLength];
        ReferencePool2d.MaxBackward<T>(g, ToHost<T>(gy, lgy), ToHost<int>(argmax, la), gx);
        return new HostStorage<T>(gx);
    }

    private HostStorage<T> AvgPool2d<T>(Storage x, Layout lx, Pool2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[g.OutputLength];
        ReferencePool2d.AvgForward<T>(g, ToHost<T>(x, lx), y);
        return new HostStorage<T>(y);
    }

    private HostStorage<T> AvgPool2dBackward<T>(Storage gy, Layout lgy, Pool2dGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gx = new T[g.InputLength];
        ReferencePool2d.AvgBackward<T>(g, ToHost<T>(gy, lgy), gx);
        return new HostStorage<T>(gx);
    }
}
