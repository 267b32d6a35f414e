using BenchmarkDotNet.Attributes;
using Scratch.Backends.Cpu;
using Scratch.BenchSuite.Harness;
using TorchSharp;
using static TorchSharp.torch;
using TTensor = TorchSharp.torch.Tensor;

namespace Scratch.Bench.Torch;

/// <summary>GEMM C = A·B, n×n, float32 and float64 (inputs: streams 1 and 2, as bench/Suite's GemmCases).</summary>
public class GemmPair : Pair
{
    private float[] _af = [], _bf = [], _cf = [];
    private double[] _ad = [], _bd = [], _cd = [];
    private TTensor _ta = null!, _tb = null!;
    private GemmOptions _options = GemmOptions.Default;

    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    [Params("float32", "float64")]
    public string DTypeName { get; set; } = "float32";

    public static IEnumerable<int> Sizes => Program.Full ? [128, 256, 512, 1024, 2048] : [128, 256, 512, 1024];

    [GlobalSetup]
    public void Setup()
    {
        UseThreads();
        _options = new GemmOptions { MaxThreads = Threads };
        long count = (long)N * N;
        if (DTypeName == "float32")
        {
            (_af, _bf, _cf) = (Inputs.Floats(count, 1), Inputs.Floats(count, 2), new float[count]);
            (_ta, _tb) = (Torch(_af, N, N), Torch(_bf, N, N));
        }
        else
        {
            (_ad, _bd, _cd) = (Inputs.Doubles(count, 1), Inputs.Doubles(count, 2), new double[count]);
            (_ta, _tb) = (torch.tensor(_ad, [N, N]), torch.tensor(_bd, [N, N]));
        }
        Scratch();
        Check($"{DTypeName} GEMM n = {N}", DTypeName == "float32" ? _cf.Select(v => (double)v) : _cd, Values(torch.mm(_ta, _tb)),
            DTypeName == "float32" ? 1e-4 : 1e-10);
    }

    [Benchmark(Baseline = true)]
    public void Scratch()
    {
        if (DTypeName == "float32")
        {
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, N, N, N, 1f, _af, N, _bf, N, 0f, _cf, N, _options);
        }
        else
        {
            Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, N, N, N, 1.0, _ad, N, _bd, N, 0.0, _cd, N, _options);
        }
    }

    [Benchmark]
    public void TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        torch.mm(_ta, _tb);
    }

    public override Row Describe() => new("gemm", Variant(DTypeName), $"n = {N}", N, 2.0 * N * N * N);
}

/// <summary>
/// The conv net's second layer (32→64, 5×5 on 12×12, stride 1, no padding), batch 128: forward and both backwards
/// (inputs: x stream 1, w stream 2 × 0.4, dy stream 3, as bench/Suite's ConvCases). TorchSharp exposes no
/// convolution_backward: its backward-input is conv_transpose2d(dy, w) and its backward-weight
/// conv2d(xᵀ, dyᵀ)ᵀ (batch and channel axes swapped), each one libtorch call giving exactly that gradient.
/// </summary>
public class ConvPair : Pair
{
    private static readonly Conv2dGeometry G = new(128, 32, 12, 12, 64, 5, 5, 1, 1, 0, 0);
    private float[] _x = [], _w = [], _dy = [], _out = [];
    private TTensor _tx = null!, _tw = null!, _tdy = null!;
    private GemmOptions _options = GemmOptions.Default;

    [Params("forward", "backward-input", "backward-weight")]
    public string Op { get; set; } = "forward";

    [GlobalSetup]
    public void Setup()
    {
        UseThreads();
        (_x, _w, _dy) = (Inputs.Floats(G.InputLength, 1), Inputs.Floats(G.WeightLength, 2, 0.4), Inputs.Floats(G.OutputLength, 3));
        (_tx, _tw, _tdy) = (Torch(_x, 128, 32, 12, 12), Torch(_w, 64, 32, 5, 5), Torch(_dy, 128, 64, 8, 8));
        _out = new float[Op switch { "forward" => G.OutputLength, "backward-input" => G.InputLength, _ => G.WeightLength }];
        _options = new GemmOptions { MaxThreads = Threads };
        Scratch();
        Check($"conv2d {Op}", _out.Select(v => (double)v), Values(TorchOp()), 1e-4);
    }

    [Benchmark(Baseline = true)]
    public void Scratch()
    {
        switch (Op)
        {
            case "forward": Conv2dKernels.Forward(G, _x, _w, [], _out, _options); break;
            case "backward-input": Conv2dKernels.BackwardInput(G, _dy, _w, _out, _options); break;
            default: Conv2dKernels.BackwardWeight(G, _x, _dy, _out, [], _options); break;
        }
    }

    [Benchmark]
    public void TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        TorchOp();
    }

    private TTensor TorchOp() => Op switch
    {
        "forward" => nn.functional.conv2d(_tx, _tw),
        "backward-input" => nn.functional.conv_transpose2d(_tdy, _tw),
        _ => nn.functional.conv2d(_tx.transpose(0, 1), _tdy.transpose(0, 1)).transpose(0, 1),
    };

    public override Row Describe() =>
        new("conv", $"layer 2 (32→64, 12×12) {Op}", "batch 128", 128, 2.0 * G.OutputLength * 32 * 25);
}
