using BenchmarkDotNet.Attributes;
using Scratch.Nn;
using Scratch.Nn.Training;

namespace Scratch.Bench.Training;

/// <summary>
/// Training steps of the zoo's maxout net (Goodfellow et al. 2015 §6: dropout 0.2 on the input, two maxout layers of
/// 240 units × 5 pieces with dropout 0.5, softmax 240 → 10) by its recipe: batches of 100, SGD with momentum, the
/// max-norm projection after each step, the trainer's memory reuse on, as the reproduction trains it (the full
/// preset trains five such nets for 60 epochs of 600 steps). bench/pytorch/training_step.py runs the same step in
/// PyTorch. Images are uniform noise in [0, 1] with random labels (the cost does not depend on the pixel values).
/// Run: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*MaxoutStep*' --inProcess --iterationCount 15 --warmupCount 4</c>.
/// </summary>
[MemoryDiagnoser]
public class MaxoutStepBenchmark
{
    private const int Steps = 10;
    private const int BatchSize = 100;
    private Trainer _trainer = null!;
    private (Scratch.Tensor Images, Scratch.Tensor Labels)[] _batches = null!;

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        var model = ModelZoo.Create("maxout", g);
        var recipe = ModelZoo.Recipe("maxout");
        _trainer = new Trainer(model, recipe.CreateOptimizer(model.Parameters()), recipe.Objective.LossFunction, seed: 1,
            recipe.CreateSchedule(), recipe.CreateConstraint(), recipe.EffectiveMomentumRamp) { ReuseParameterMemory = true };
        var images = Scratch.Tensor.Rand([Steps * BatchSize, 1, 28, 28], g);
        var labels = Scratch.Tensor.FromArray(Enumerable.Range(0, Steps * BatchSize).Select(_ => g.NextInt(10)).ToArray());
        _batches = Enumerable.Range(0, Steps).Select(i => (images.Narrow(0, i * BatchSize, BatchSize), labels.Narrow(0, i * BatchSize, BatchSize))).ToArray();
    }

    /// <summary>One batch-100 step: dropout masks, forward, cross-entropy, backward, SGD with momentum, max-norm.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double MaxoutStep()
    {
        var loss = 0.0;
        foreach (var (images, labels) in _batches)
        {
            loss = _trainer.Step(images, labels).Loss;
        }
        return loss;
    }
}
