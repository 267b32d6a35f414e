using BenchmarkDotNet.Attributes;
using Scratch.Autograd;
using Scratch.Nn;
using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Bench.Training;

/// <summary>
/// End-to-end training speed: one epoch of a 784-100-100-10 ReLU MLP over 60,000 examples in batches of 128
/// with SGD, and one batch-128 forward + backward + SGD step of the zoo's conv net. bench/pytorch/training_step.py
/// does the same work in PyTorch for comparison (figures in the README). The images are uniform noise in [0, 1]
/// with random labels: the cost of a step does not depend on the pixel values, and the benchmark needs no download.
/// Run: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*MlpEpoch*' --inProcess --iterationCount 15 --warmupCount 4</c>
/// (about a minute; the machine's noise calls for the fixed iteration count).
/// </summary>
public class MlpEpochBenchmark
{
    private const int Examples = 60_000;
    private const int BatchSize = 128;
    private TensorDataset _data = null!;
    private Trainer _mlp = null!;
    private Module _conv = null!;
    private Sgd _convSgd = null!;
    private Scratch.Tensor _convImages = null!;
    private Scratch.Tensor _convLabels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        var pixels = Scratch.Tensor.Rand([Examples * 784], g).ToArray<float>();
        var labels = Enumerable.Range(0, Examples).Select(_ => g.NextInt(10)).ToArray();
        _data = new TensorDataset(Scratch.Tensor.FromArray(pixels, Examples, 1, 28, 28), Scratch.Tensor.FromArray(labels));
        var mlp = new Sequential(new Flatten(), new Linear(784, 100, g), new ReLU(), new Linear(100, 100, g), new ReLU(), new Linear(100, 10, g));
        _mlp = new Trainer(mlp, new Sgd(mlp.Parameters(), 0.01, momentum: 0.9), Objective.CrossEntropy.LossFunction, seed: 0);
        _conv = ModelZoo.Create("conv", g);
        _convSgd = new Sgd(_conv.Parameters(), 0.01, momentum: 0.9);
        (_convImages, _convLabels) = _data.Batches(BatchSize).First();
    }

    /// <summary>One epoch of the ReLU MLP: 469 batches of shuffle, forward, loss, backward, SGD step.</summary>
    [Benchmark]
    public Metrics MlpEpoch() => _mlp.TrainEpoch(_data, BatchSize);

    /// <summary>One batch-128 training step of the conv net (forward, cross-entropy, backward, SGD with momentum).</summary>
    [Benchmark(OperationsPerInvoke = 10)]
    public double ConvStep()
    {
        var loss = 0.0;
        for (var i = 0; i < 10; i++)
        {
            var l = Losses.CrossEntropy(_conv.Forward(new Variable(_convImages)), _convLabels);
            l.Backward();
            _convSgd.Step();
            _conv.ZeroGrad();
            loss = l.Item();
        }
        return loss;
    }
}
