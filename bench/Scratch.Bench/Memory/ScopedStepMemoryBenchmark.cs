using BenchmarkDotNet.Attributes;
using Scratch.Attacks;
using Scratch.Nn;
using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Bench.Memory;

/// <summary>
/// The steps of <see cref="StepMemoryBenchmark"/> with the options that remove the last allocations
/// (docs/memory.md): Trainer steps that recycle the parameter values they replace
/// (<see cref="Trainer.ReuseParameterMemory"/>), and FGSM called inside the caller's own DeviceScope, so that its
/// result (x′, scores, records' tensors) is recycled too once the caller is done with it.
/// Run: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*StepMemory*' --inProcess --iterationCount 10 --warmupCount 3</c>.
/// </summary>
[MemoryDiagnoser]
public class ScopedStepMemoryBenchmark
{
    private Trainer _mlp = null!;
    private Trainer _conv = null!;
    private Scratch.Tensor _images = null!;
    private Scratch.Tensor _labels = null!;
    private Classifier _classifier = null!;
    private Scratch.Tensor _fgsmImages = null!;
    private Scratch.Tensor _fgsmLabels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        var mlp = new Sequential(new Flatten(), new Linear(784, 100, g), new ReLU(), new Linear(100, 100, g), new ReLU(), new Linear(100, 10, g));
        _mlp = new Trainer(mlp, new Sgd(mlp.Parameters(), 0.01, momentum: 0.9), Objective.CrossEntropy.LossFunction) { ReuseParameterMemory = true };
        var conv = ModelZoo.Create("conv", g);
        _conv = new Trainer(conv, new Sgd(conv.Parameters(), 0.01, momentum: 0.9), Objective.CrossEntropy.LossFunction) { ReuseParameterMemory = true };
        _images = Scratch.Tensor.Rand([128, 1, 28, 28], g);
        _labels = Scratch.Tensor.FromArray(Enumerable.Range(0, 128).Select(_ => g.NextInt(10)).ToArray());
        var frozen = new Sequential(new Flatten(), new Linear(784, 100, g), new ReLU(), new Linear(100, 100, g), new ReLU(), new Linear(100, 10, g));
        _classifier = Classifier.FromModule(frozen);
        _fgsmImages = Scratch.Tensor.Rand([1000, 1, 28, 28], g);
        _fgsmLabels = Scratch.Tensor.FromArray(Enumerable.Range(0, 1000).Select(_ => g.NextInt(10)).ToArray());
    }

    /// <summary>One Trainer step of 784-100-100-10 on a batch of 128, recycling the replaced parameter values.</summary>
    [Benchmark]
    public double MlpStepReusingParameters() => _mlp.Step(_images, _labels).Loss;

    /// <summary>One Trainer step of the conv net on a batch of 128, recycling the replaced parameter values.</summary>
    [Benchmark]
    public double ConvStepReusingParameters() => _conv.Step(_images, _labels).Loss;

    /// <summary>FGSM at ε = 0.25 on a batch of 1,000 inside the caller's scope.</summary>
    [Benchmark]
    public int FgsmBatchInScope()
    {
        using var scope = DeviceScope.Begin();
        return Fgsm.Run(_classifier, _fgsmImages, _fgsmLabels, 0.25).Count;
    }
}
