namespace Scratch.Backends.Cpu;

internal sealed partial class CpuBackend
{
    /// <inheritdoc/>
    public Storage Conv2d(Storage x, Layout lx, Storage w, Layout lw, Storage? bias, Layout? lb, Conv2dGeometry g)
    {
        if (x.DType == DType.Float32)
        {
            var y = new float[g.OutputLength];
            var b = bias is null ? [] : Gather(Data<float>(bias), lb!);
            Conv2dKernels.Forward(g, Gather(Data<float>(x), lx), Gather(Data<float>(w), lw), b, y);
            return new HostStorage<float>(y);
        }
        var yd = new double[g.OutputLength];
        var bd = bias is null ? [] : Gather(Data<double>(bias), lb!);
        Conv2dKernels.Forward(g, Gather(Data<double>(x), lx), Gather(Data<double>(w), lw), bd, yd);
        return new HostStorage<double>(yd);
    }

    /// <inheritdoc/>
    public Storage Conv2dBackwardInput(Storage gy, Layout lgy, Storage w, Layout lw, Conv2dGeometry g)
    {
        if (gy.DType == DType.Float32)
        {
            var gx = new float[g.InputLength];
            Conv2dKernels.BackwardInput(g, Gather(Data<float>(gy), lgy), Gather(Data<float>(w), lw), gx);
            return new HostStorage<float>(gx);
        }
        var gxd = new double[g.InputLength];
        Conv2dKernels.BackwardInput(g, Gather(Data<double>(gy), lgy), Gather(Data<double>(w), lw), gxd);
        return new HostStorage<double>(gxd);
    }

    /// <inheritdoc/>
    public Storage Conv2dBackwardWeight(Storage x, Layout lx, Storage gy, Layout lgy, Conv2dGeometry g)
    {
        if (x.DType == DType.Float32)
        {
            var gw = new float[g.WeightLength];
            Conv2dKernels.BackwardWeight(g, Gather(Data<float>(x), lx), Gather(Data<float>(gy), lgy), gw, []);
            return new HostStorage<float>(gw);
        }
        var gwd = new double[g.WeightLength];
        Conv2dKernels.BackwardWeight(g, Gather(Data<double>(x), lx), Gather(Data<double>(gy), lgy), gwd, []);
        return new HostStorage<double>(gwd);
    }

    /// <inheritdoc/>
    public (Storage Output, Storage Argmax) MaxPool2d(Storage x, Layout lx, Pool2dGeometry g)
    {
        var argmax = new int[g.OutputLength];
        if (x.DType == DType.Float32)
        {
            var y = new float[g.OutputLength];
            Pool2dKernels.MaxForward(g, Gather(Data<float>(x), lx), y, argmax);
            return (new HostStorage<float>(y), new HostStorage<int>(argmax));
        }
        var yd = new double[g.OutputLength];
        Pool2dKernels.MaxForward(g, Gather(Data<double>(x), lx), yd, argmax);
        return (new HostStorage<double>(yd), new HostStorage<int>(argmax));
    }

    /// <inheritdoc/>
    public Storage MaxPool2dBackward(Storage gy, Layout lgy, Storage argmax, Layout la, Pool2dGeometry g)
    {
        var index = Gather(Data<int>(argmax), la);
        if (gy.DType == DType.Float32)
        {
            var gx = new float[g.InputLength];
            Pool2dKernels.MaxBackward(g, Gather(Data<float>(gy), lgy), index, gx);
            return new HostStorage<float>(gx);
        }
        var gxd = new double[g.InputLength];
        Pool2dKernels.MaxBackward(g, Gather(Data<double>(gy), lgy), index, gxd);
        return new HostStorage<double>(gxd);
    }

    /// <inheritdoc/>
    public Storage AvgPool2d(Storage x, Layout lx, Pool2dGeometry g)
    {
        if (x.DType == DType.Float32)
        {
            var y = new float[g.OutputLength];
            Pool2dKernels.AvgForward(g, Gather(Data<float>(x), lx), y);
            return new HostStorage<float>(y);
        }
        var yd = new double[g.OutputLength];
        Pool2dKernels.AvgForward(g, Gather(Data<double>(x), lx), yd);
        return new HostStorage<double>(yd);
    }

    /// <inheritdoc/>
    public Storage AvgPool2dBackward(Storage gy, Layout lgy, Pool2dGeometry g)
    {
        if (gy.DType == DType.Float32)
        {
            var gx = new float[g.InputLength];
            Pool2dKernels.AvgBackward(g, Gather(Data<float>(gy), lgy), gx);
            return new HostStorage<float>(gx);
        }
        var gxd = new double[g.InputLength];
        Pool2dKernels.AvgBackward(g, Gather(Data<double>(gy), lgy), gxd);
        return new HostStorage<double>(gxd);
    }
}
