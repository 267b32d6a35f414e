using Scratch.Backends.Cpu;
using Scratch.BenchSuite.Harness;

namespace Scratch.BenchSuite.Cases;

/// <summary>
/// The conv net's two layers (1→32 5×5 on 28×28, 32→64 5×5 on 12×12, stride 1, no padding, no bias): forward,
/// backward-input and backward-weight, float32, on the process's threads, by batch size (2·B·O·OH·OW·C·KH·KW FLOP each).
/// </summary>
public static class ConvCases
{
    private static readonly (string Name, int C, int H, int O)[] Layers = [("layer 1 (1→32, 28×28)", 1, 28, 32), ("layer 2 (32→64, 12×12)", 32, 12, 64)];

    /// <summary>Every conv case an engine runs in a mode (the reference: batch 16 only).</summary>
    public static IEnumerable<BenchCase> For(Engine engine, string mode, int threads)
    {
        int[] batches = engine.IsReference ? [16] : mode == "quick" ? [16, 128] : [16, 64, 128, 256];
        foreach (var (name, c, h, o) in Layers)
        {
            foreach (var op in new[] { "forward", "backward-input", "backward-weight" })
            {
                foreach (var batch in batches)
                {
                    var g = new Conv2dGeometry(batch, c, h, h, o, 5, 5, 1, 1, 0, 0);
                    double flops = 2.0 * g.OutputLength * c * 25;
                    yield return new BenchCase("conv", $"{name} {op}", $"batch {batch}", batch, threads, flops, 0, 1e-4,
                        () => Prepare(engine, g, op, threads));
                }
            }
        }
    }

    private static Prepared Prepare(Engine engine, Conv2dGeometry g, string op, int threads)
    {
        float[] x = Inputs.Floats(g.InputLength, 1), w = Inputs.Floats(g.WeightLength, 2, 0.4), dy = Inputs.Floats(g.OutputLength, 3);
        int[] xShape = [g.Batch, g.InChannels, g.Height, g.Width], wShape = [g.OutChannels, g.InChannels, 5, 5];
        int[] yShape = [g.Batch, g.OutChannels, g.OutHeight, g.OutWidth];
        if (engine.IsReference || engine.IsGpu)
        {
            var (tx, tw, tdy) = (Tensor.FromArray(x, xShape).To(engine.Device), Tensor.FromArray(w, wShape).To(engine.Device),
                Tensor.FromArray(dy, yShape).To(engine.Device));
            Tensor? result = null;
            Func<Tensor> run = op switch
            {
                "forward" => () => Tensor.Conv2d(tx, tw),
                "backward-input" => () => Tensor.Conv2dBackwardInput(tdy, tw, new Shape(xShape)),
                _ => () => Tensor.Conv2dBackwardWeight(tx, tdy, new Shape(wShape)),
            };
            return new Prepared(() => { result = run(); engine.Synchronize(); },
                () => result!.To(Device.Cpu).To(DType.Float64).ToArray<double>());
        }
        var options = new GemmOptions { MaxThreads = threads };
        float[] y = new float[g.OutputLength], dx = new float[g.InputLength], dw = new float[g.WeightLength];
        return op switch
        {
            "forward" => new Prepared(() => Conv2dKernels.Forward(g, x, w, [], y, options), () => [.. y.Select(v => (double)v)]),
            "backward-input" => new Prepared(() => Conv2dKernels.BackwardInput(g, dy, w, dx, options), () => [.. dx.Select(v => (double)v)]),
            _ => new Prepared(() => Conv2dKernels.BackwardWeight(g, x, dy, dw, [], options), () => [.. dw.Select(v => (double)v)]),
        };
    }
}
