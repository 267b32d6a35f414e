using BenchmarkDotNet.Attributes;
using Scratch.Attacks;
using Scratch.Nn;
using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Bench.Memory;

/// <summary>
/// Bytes allocated per step of the engine's hot loops, through the public API only (so this file also builds on a
/// branch without DeviceScope's host pool, for before/after figures): a Trainer step of the 784-100-100-10 ReLU MLP
/// on a batch of 128, a Trainer step of the zoo's conv net on a batch of 128 (both SGD with momentum), FGSM on a
/// batch of 1,000 images of the MLP, and one evaluation of Szegedy's objective and gradient on one image (the
/// L-BFGS-B callback). Any object on the large-object heap is at least 85,000 bytes, so a step that allocates less
/// than that in all has put nothing there. Inputs are uniform noise with random labels (the cost does not depend
/// on the values; no download).
/// Run: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*StepMemory*' --inProcess --iterationCount 10 --warmupCount 3</c>.
/// </summary>
[MemoryDiagnoser]
public class StepMemoryBenchmark
{
    private Trainer _mlp = null!;
    private Trainer _conv = null!;
    private Scratch.Tensor _mlpImages = null!;
    private Scratch.Tensor _mlpLabels = null!;
    private Classifier _classifier = null!;
    private Scratch.Tensor _fgsmImages = null!;
    private Scratch.Tensor _fgsmLabels = null!;
    private ValueAndGradient _objective = null!;
    private double[] _point = null!;
    private double[] _gradient = null!;

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        var mlp = new Sequential(new Flatten(), new Linear(784, 100, g), new ReLU(), new Linear(100, 100, g), new ReLU(), new Linear(100, 10, g));
        _mlp = new Trainer(mlp, new Sgd(mlp.Parameters(), 0.01, momentum: 0.9), Objective.CrossEntropy.LossFunction);
        var conv = ModelZoo.Create("conv", g);
        _conv = new Trainer(conv, new Sgd(conv.Parameters(), 0.01, momentum: 0.9), Objective.CrossEntropy.LossFunction);
        _mlpImages = Scratch.Tensor.Rand([128, 1, 28, 28], g);
        _mlpLabels = Scratch.Tensor.FromArray(Enumerable.Range(0, 128).Select(_ => g.NextInt(10)).ToArray());
        var frozen = new Sequential(new Flatten(), new Linear(784, 100, g), new ReLU(), new Linear(100, 100, g), new ReLU(), new Linear(100, 10, g));
        _classifier = Classifier.FromModule(frozen);
        _fgsmImages = Scratch.Tensor.Rand([1000, 1, 28, 28], g);
        _fgsmLabels = Scratch.Tensor.FromArray(Enumerable.Range(0, 1000).Select(_ => g.NextInt(10)).ToArray());
        var x = _fgsmImages.Narrow(0, 0, 1).Contiguous();
        var target = Scratch.Tensor.FromArray([(_fgsmLabels.ToArray<int>()[0] + 1) % 10]);
        var origin = new Autograd.Variable(x);
        // Szegedy's objective c·‖x′ − x‖² + CE(f(x′), l) at c = 0.1, as the attack builds it.
        _objective = ModelObjective.Create(v => (v - origin).Square().Sum() * 0.1 + _classifier.Loss(_classifier.Forward(v), target), x.Shape);
        _point = x.To(DType.Float64).ToArray<double>();
        _gradient = new double[_point.Length];
    }

    /// <summary>One Trainer step of 784-100-100-10 on a batch of 128.</summary>
    [Benchmark]
    public double MlpStep() => _mlp.Step(_mlpImages, _mlpLabels).Loss;

    /// <summary>One Trainer step of the conv net on a batch of 128.</summary>
    [Benchmark]
    public double ConvStep() => _conv.Step(_mlpImages, _mlpLabels).Loss;

    /// <summary>FGSM at ε = 0.25 on a batch of 1,000 (gradient, x′, re-prediction and the per-example records).</summary>
    [Benchmark]
    public int FgsmBatch() => Fgsm.Run(_classifier, _fgsmImages, _fgsmLabels, 0.25).Count;

    /// <summary>One evaluation of Szegedy's objective and its gradient on one image.</summary>
    [Benchmark]
    public double LbfgsObjectiveEvaluation() => _objective(_point, _gradient);
}
