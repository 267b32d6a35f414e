namespace Scratch.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public Storage Conv2d(Storage x, Layout lx, Storage w, Layout lw, Storage? bias, Layout? lb, Conv2dGeometry g) => x.DType == DType.Float32
        ? Output<float>(g.OutputLength, y => Conv2dKernels.Forward(g, Gather(Data<float>(x), lx), Gather(Data<float>(w), lw), BiasOf<float>(bias, lb), y))
        : Output<double>(g.OutputLength, y => Conv2dKernels.Forward(g, Gather(Data<double>(x), lx), Gather(Data<double>(w), lw), BiasOf<double>(bias, lb), y));

    /// <inheritdoc/>
    public Storage Conv2dBackwardInput(Storage gy, Layout lgy, Storage w, Layout lw, Conv2dGeometry g) => gy.DType == DType.Float32
        ? Output<float>(g.InputLength, gx => Conv2dKernels.BackwardInput(g, Gather(Data<float>(gy), lgy), Gather(Data<float>(w), lw), gx))
        : Output<double>(g.InputLength, gx => Conv2dKernels.BackwardInput(g, Gather(Data<double>(gy), lgy), Gather(Data<double>(w), lw), gx));

    /// <inheritdoc/>
    public Storage Conv2dBackwardWeight(Storage x, Layout lx, Storage gy, Layout lgy, Conv2dGeometry g) => x.DType == DType.Float32
        ? Output<float>(g.WeightLength, gw => Conv2dKernels.BackwardWeight(g, Gather(Data<float>(x), lx), Gather(Data<float>(gy), lgy), gw, []))
        : Output<double>(g.WeightLength, gw => Conv2dKernels.BackwardWeight(g, Gather(Data<double>(x), lx), Gather(Data<double>(gy), lgy), gw, []));

    /// <inheritdoc/>
    public (Storage Output, Storage Argmax) MaxPool2d(Storage x, Layout lx, Pool2dGeometry g)
    {
        var argmax = new int[g.OutputLength];
        var output = x.DType == DType.Float32
            ? Output<float>(g.OutputLength, y => Pool2dKernels.MaxForward(g, Gather(Data<float>(x), lx), y, argmax))
            : Output<double>(g.OutputLength, y => Pool2dKernels.MaxForward(g, Gather(Data<double>(x), lx), y, argmax));
        return (output, new HostStorage<int>(argmax));
    }

    /// <inheritdoc/>
    public Storage MaxPool2dBackward(Storage gy, Layout lgy, Storage argmax, Layout la, Pool2dGeometry g)
    {
        var index = Gather(Data<int>(argmax), la);
        return gy.DType == DType.Float32
            ? Output<float>(g.InputLength, gx => Pool2dKernels.MaxBackward(g, Gather(Data<float>(gy), lgy), index, gx))
            : Output<double>(g.InputLength, gx => Pool2dKernels.MaxBackward(g, Gather(Data<double>(gy), lgy), index, gx));
    }

    /// <inheritdoc/>
    public Storage AvgPool2d(Storage x, Layout lx, Pool2dGeometry g) => x.DType == DType.Float32
        ? Output<float>(g.OutputLength, y => Pool2dKernels.AvgForward(g, Gather(Data<float>(x), lx), y))
        : Output<double>(g.OutputLength, y => Pool2dKernels.AvgForward(g, Gather(Data<double>(x), lx), y));

    /// <inheritdoc/>
    public Storage AvgPool2dBackward(Storage gy, Layout lgy, Pool2dGeometry g) => gy.DType == DType.Float32
        ? Output<float>(g.InputLength, gx => Pool2dKernels.AvgBackward(g, Gather(Data<float>(gy), lgy), gx))
        : Output<double>(g.InputLength, gx => Pool2dKernels.AvgBackward(g, Gather(Data<double>(gy), lgy), gx));

    // A zeroed output buffer of the given length, filled by the kernel, as storage.
    private static Storage Output<T>(long length, Action<T[]> kernel) where T : unmanaged
    {
        var y = new T[length];
        kernel(y);
        return new HostStorage<T>(y);
    }

    private static T[] BiasOf<T>(Storage? bias, Layout? layout) where T : unmanaged =>
        bias is null ? [] : Gather(Data<T>(bias), layout!);
}
