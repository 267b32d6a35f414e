using BenchmarkDotNet.Attributes;
using Scratch.Autograd;
using Scratch.Backends.Cpu;
using Scratch.BenchSuite.Cases;
using Scratch.BenchSuite.Harness;
using Scratch.Nn;
using TorchSharp;
using static TorchSharp.torch;
using TTensor = TorchSharp.torch.Tensor;

namespace Scratch.Bench.Torch;

/// <summary>
/// Scratch (the baseline) and TorchSharp-cpu on the same inputs in one BenchmarkDotNet run, so that each row has both
/// times and their ratio. Every setup runs both once and compares their outputs' fingerprints before any timing.
/// </summary>
public abstract class Pair
{
    /// <summary>Threads for both engines (set explicitly: GemmOptions / the process for Scratch, set_num_threads for libtorch).</summary>
    public static int Threads => Environment.ProcessorCount;

    protected static void Check(string what, float[] scratch, float[] torchSharp, double tolerance)
    {
        if (Fingerprint.Mismatch(Fingerprint.Of([.. torchSharp.Select(v => (double)v)]), Fingerprint.Of([.. scratch.Select(v => (double)v)]), tolerance) is { } why)
        {
            throw new InvalidOperationException($"{what}: TorchSharp's output differs from Scratch's: {why}");
        }
    }

    protected static TTensor Torch(float[] data, params long[] shape) => torch.tensor(data, shape);
}

/// <summary>SGEMM C = A·B, n×n.</summary>
public class GemmPair : Pair
{
    private float[] _a = [], _b = [], _c = [];
    private TTensor _ta = null!, _tb = null!;
    private GemmOptions _options = GemmOptions.Default;

    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    public static IEnumerable<int> Sizes => Program.Full ? [256, 1024, 2048] : [256, 1024];

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        (_a, _b, _c) = (Inputs.Floats((long)N * N, 1), Inputs.Floats((long)N * N, 2), new float[N * N]);
        (_ta, _tb) = (Torch(_a, N, N), Torch(_b, N, N));
        _options = new GemmOptions { MaxThreads = Threads };
        Scratch();
        Check($"sgemm n = {N}", _c, torch.mm(_ta, _tb).data<float>().ToArray(), 1e-4);
    }

    [Benchmark(Baseline = true)]
    public void Scratch() => Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, N, N, N, 1f, _a, N, _b, N, 0f, _c, N, _options);

    [Benchmark]
    public void TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        torch.mm(_ta, _tb);
    }
}

/// <summary>The conv net's second layer (32→64, 5×5 on 12×12), batch 128, forward.</summary>
public class ConvPair : Pair
{
    private static readonly Conv2dGeometry G = new(128, 32, 12, 12, 64, 5, 5, 1, 1, 0, 0);
    private float[] _x = [], _w = [], _y = [];
    private TTensor _tx = null!, _tw = null!;
    private GemmOptions _options = GemmOptions.Default;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        (_x, _w, _y) = (Inputs.Floats(G.InputLength, 1), Inputs.Floats(G.WeightLength, 2, 0.4), new float[G.OutputLength]);
        (_tx, _tw) = (Torch(_x, 128, 32, 12, 12), Torch(_w, 64, 32, 5, 5));
        _options = new GemmOptions { MaxThreads = Threads };
        Scratch();
        Check("conv2d forward", _y, nn.functional.conv2d(_tx, _tw).data<float>().ToArray(), 1e-4);
    }

    [Benchmark(Baseline = true)]
    public void Scratch() => Conv2dKernels.Forward(G, _x, _w, [], _y, _options);

    [Benchmark]
    public void TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        nn.functional.conv2d(_tx, _tw);
    }
}

/// <summary>a + b and exp(a) over 2²⁰ float32 values, through each engine's tensor API (the output allocated).</summary>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class ElementwisePair : Pair
{
    private const int N = 1 << 20;
    private Scratch.Tensor _a = null!, _b = null!;
    private TTensor _ta = null!, _tb = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        float[] a = Inputs.Floats(N, 1), b = Inputs.Floats(N, 2);
        (_a, _b, _ta, _tb) = (Scratch.Tensor.FromArray(a, N), Scratch.Tensor.FromArray(b, N), Torch(a, N), Torch(b, N));
        Check("add", ScratchAdd().ToArray<float>(), (_ta + _tb).data<float>().ToArray(), 1e-5);
        Check("exp", ScratchExp().ToArray<float>(), _ta.exp().data<float>().ToArray(), 1e-5);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("add")]
    public Scratch.Tensor ScratchAdd() => _a + _b;

    [Benchmark]
    [BenchmarkCategory("add")]
    public void TorchSharpAdd()
    {
        using var scope = torch.NewDisposeScope();
        _ = _ta + _tb;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("exp")]
    public Scratch.Tensor ScratchExp() => _a.Exp();

    [Benchmark]
    [BenchmarkCategory("exp")]
    public void TorchSharpExp()
    {
        using var scope = torch.NewDisposeScope();
        _ = _ta.exp();
    }
}

/// <summary>One training step (forward, cross-entropy, backward, SGD with momentum 0.9) of the 784-100-100-10 MLP, batch 128.</summary>
public class MlpStepPair : Pair
{
    private Module _scratch = null!;
    private Optim.Sgd _sgd = null!;
    private Scratch.Tensor _x = null!, _y = null!;
    private nn.Module<TTensor, TTensor> _torch = null!;
    private optim.Optimizer _torchSgd = null!;
    private TTensor _tx = null!, _ty = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        var pixels = Inputs.Pixels(128 * 784, 1);
        var labels = Inputs.Labels(128, 2, 10);
        (_x, _y) = (Scratch.Tensor.FromArray(pixels, 128, 1, 28, 28), Scratch.Tensor.FromArray(labels));
        (_tx, _ty) = (Torch(pixels, 128, 1, 28, 28), torch.tensor(labels.Select(v => (long)v).ToArray()));
        _scratch = Models.Mlp();
        _sgd = new Optim.Sgd(_scratch.Parameters(), 0.01, momentum: 0.9);
        _torch = nn.Sequential(nn.Flatten(), nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 10));
        using (torch.no_grad())
        {
            // The same weights as Scratch's model: its parameters in the same order and shapes.
            foreach (var (p, s) in _torch.parameters().Zip(_scratch.Parameters()))
            {
                p.copy_(torch.tensor(s.Value.ToArray<float>(), p.shape));
            }
        }
        _torchSgd = optim.SGD(_torch.parameters(), 0.01, momentum: 0.9);
        Check("MLP step's first loss", [(float)ScratchStep()], [(float)TorchSharpStep()], 1e-5);
    }

    [Benchmark(Baseline = true)]
    public double ScratchStep()
    {
        var loss = Losses.CrossEntropy(_scratch.Forward(new Variable(_x)), _y);
        loss.Backward();
        _sgd.Step();
        _scratch.ZeroGrad();
        return loss.Item();
    }

    [Benchmark]
    public double TorchSharpStep()
    {
        using var scope = torch.NewDisposeScope();
        var loss = nn.functional.cross_entropy(_torch.forward(_tx), _ty);
        _torchSgd.zero_grad();
        loss.backward();
        _torchSgd.step();
        return loss.item<float>();
    }
}
