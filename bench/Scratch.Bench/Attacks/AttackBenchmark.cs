using BenchmarkDotNet.Attributes;
using Scratch.Attacks;
using Scratch.Nn;
using Scratch.Optim;

namespace Scratch.Bench.Attacks;

/// <summary>
/// Attack speed on a 784-100-100-10 ReLU MLP (seeded weights; the images are uniform noise in [0, 1] with random
/// labels: the cost does not depend on the pixel values, and the benchmark needs no download):
/// FGSM over 10,000 images in batches of 1,000 (including re-predicting every x′ and the metrics' records); one
/// objective-and-gradient evaluation of Szegedy's attack on one image (the L-BFGS-B callback, as the solver calls
/// it), next to its parts: the same forward and backward on the tape without the L-BFGS-B bridge, and the first
/// layer's matrix product alone; Szegedy's attack at one c = 0.1 (no c-search) on one image, and on 100 images in
/// lockstep and one at a time (their ratio is the lockstep throughput gain).
/// Run: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*AttackBenchmark*' --inProcess --iterationCount 15 --warmupCount 4</c>.
/// </summary>
[MemoryDiagnoser]
public class AttackBenchmark
{
    private const int Images = 10_000;
    private Classifier _classifier = null!;
    private Scratch.Tensor _images = null!;
    private Scratch.Tensor _labels = null!;
    private ValueAndGradient _objective = null!;
    private double[] _point = null!;
    private double[] _gradient = null!;
    private LbfgsAttackOptions _singleC = null!;
    private LbfgsAttackOptions _singleCAlone = null!;
    private Scratch.Tensor _image = null!;
    private Scratch.Tensor _target = null!;
    private Scratch.Tensor _firstWeight = null!;

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        var mlp = new Sequential(new Flatten(), new Linear(784, 100, g), new ReLU(), new Linear(100, 100, g), new ReLU(), new Linear(100, 10, g));
        _classifier = Classifier.FromModule(mlp);
        _images = Scratch.Tensor.Rand([Images, 1, 28, 28], g);
        _labels = Scratch.Tensor.FromArray(Enumerable.Range(0, Images).Select(_ => g.NextInt(10)).ToArray());
        var x = _images.Narrow(0, 0, 1);
        var target = Scratch.Tensor.FromArray([(_labels.ToArray<int>()[0] + 1) % 10]);
        // Szegedy's objective c·‖x′ − x‖² + CE(f(x′), l) at c = 0.1, as the attack builds it.
        _objective = ModelObjective.Create(v => (v - new Autograd.Variable(x)).Square().Sum() * 0.1
            + _classifier.Loss(_classifier.Forward(v), target), x.Shape);
        _point = x.To(DType.Float64).ToArray<double>();
        _gradient = new double[_point.Length];
        _singleC = new LbfgsAttackOptions { InitialC = 0.1, MaxBracketSteps = 0, BisectionSteps = 0, Target = TargetPolicy.Random(0) };
        _singleCAlone = _singleC with { Lockstep = false };
        _image = x;
        _target = target;
        _firstWeight = mlp.NamedModules().Select(m => m.Module).OfType<Linear>().First().Weight.Variable.Data;
    }

    /// <summary>FGSM at ε = 0.25 over 10,000 images in batches of 1,000.</summary>
    [Benchmark]
    public int FgsmTenThousand() =>
        AttackRunner.InBatches(_images, _labels, 1000, (x, y, first) => [Fgsm.Run(_classifier, x, y, 0.25, firstIndex: first)])[0].Count;

    /// <summary>One evaluation of Szegedy's objective and its gradient on one image.</summary>
    [Benchmark]
    public double LbfgsObjectiveEvaluation() => _objective(_point, _gradient);

    /// <summary>The same objective's forward and backward on the tape, without the L-BFGS-B bridge (no conversion from or to doubles).</summary>
    [Benchmark]
    public Scratch.Tensor LbfgsObjectiveTapeOnly()
    {
        var input = new Autograd.Variable(_image, requiresGrad: true);
        var value = (input - new Autograd.Variable(_image)).Square().Sum() * 0.1 + _classifier.Loss(_classifier.Forward(input), _target);
        return Autograd.Autodiff.Grad(value, input);
    }

    /// <summary>The first layer's product for one image, [1, 784] × W₁ᵀ (W₁ is [100, 784]), as Linear computes it.</summary>
    [Benchmark]
    public Scratch.Tensor FirstLayerMatMulOneImage() => Scratch.Tensor.MatMul(_image.Reshape(1, 784), _firstWeight.MT);

    /// <summary>Szegedy's attack at c = 0.1 on one image.</summary>
    [Benchmark]
    public int LbfgsAttackOneImage() =>
        LbfgsAttack.Run(_classifier, _images.Narrow(0, 0, 1), _labels.Narrow(0, 0, 1), _singleC).Examples[0].Work.Gradients;

    /// <summary>Szegedy's attack at c = 0.1 on 100 images in lockstep.</summary>
    [Benchmark]
    public int LbfgsAttackHundredImages() =>
        LbfgsAttack.Run(_classifier, _images.Narrow(0, 0, 100), _labels.Narrow(0, 0, 100), _singleC).Examples.Sum(e => e.Work.Gradients);

    /// <summary>Szegedy's attack at c = 0.1 on the same 100 images, one minimisation at a time (no lockstep).</summary>
    [Benchmark]
    public int LbfgsAttackHundredImagesOneAtATime() =>
        LbfgsAttack.Run(_classifier, _images.Narrow(0, 0, 100), _labels.Narrow(0, 0, 100), _singleCAlone).Examples.Sum(e => e.Work.Gradients);
}
