using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Nn.Tests.Training;

/// <summary>
/// Trainer.Step under DeviceScope (docs/memory.md): a steady run reuses its memory, training gives the same
/// bits with and without parameter recycling, and nothing the caller holds changes under it.
/// </summary>
public class TrainerMemoryTests
{
    private static readonly LossFunction CrossEntropy = Objective.CrossEntropy.LossFunction;

    private static (Tensor Images, Tensor Labels) Batch(int seed)
    {
        var g = new Generator((ulong)seed);
        var images = Tensor.Rand(new Shape(16, 1, 6, 6), g);
        var labels = Tensor.FromArray(Enumerable.Range(0, 16).Select(_ => g.NextInt(4)).ToArray());
        return (images, labels);
    }

    private static Module Model(int seed)
    {
        var g = new Generator((ulong)seed);
        return new Sequential(new Flatten(), new Linear(36, 20, g), new ReLU(), new Linear(20, 4, g));
    }

    private static Trainer NewTrainer(Module model, bool reuse) =>
        new(model, new Sgd(model.Parameters(), 0.1, momentum: 0.9), CrossEntropy, seed: 0) { ReuseParameterMemory = reuse };

    [Fact]
    public void Step_ReusingParameterMemory_AllocatesNoTensorMemoryInSteadyState()
    {
        var model = Model(1);
        var trainer = NewTrainer(model, reuse: true);
        var (images, labels) = Batch(2);
        trainer.Step(images, labels);
        trainer.Step(images, labels);
        var before = HostMemory.Allocations;
        for (var i = 0; i < 4; i++)
        {
            trainer.Step(images, labels);
        }
        Assert.Equal(before, HostMemory.Allocations);
    }

    [Fact]
    public void TrainEpoch_FromATensorDataset_AllocatesNoTensorMemoryInSteadyState()
    {
        // 40 examples in batches of 16: two full batches and one of 8, each drawn inside its step's scope.
        var g = new Generator(3);
        var data = new TensorDataset(Tensor.Rand(new Shape(40, 1, 6, 6), g), Tensor.FromArray(Enumerable.Range(0, 40).Select(_ => g.NextInt(4)).ToArray()));
        var trainer = NewTrainer(Model(1), reuse: true);
        trainer.TrainEpoch(data, 16);
        var before = HostMemory.Allocations;
        trainer.TrainEpoch(data, 16);
        trainer.TrainEpoch(data, 16);
        Assert.Equal(before, HostMemory.Allocations);
        // The batches came from the pool and went back to it after their steps: reading one now throws.
        var drawn = new List<Tensor>();
        trainer.TrainEpoch(data.Batches(16).Select(b =>
        {
            drawn.Add(b.Images);
            return b;
        }));
        Assert.Equal(3, drawn.Count);
        Assert.All(drawn, images => Assert.Throws<ObjectDisposedException>(() => images.ToArray<float>()));
    }

    [Fact]
    public void TrainEpoch_OverBatchesTheCallerHolds_LeavesThemReadable()
    {
        var batches = new[] { Batch(2), Batch(3) };
        var copies = batches.Select(b => b.Images.ToArray<float>()).ToArray();
        var trainer = NewTrainer(Model(1), reuse: true);
        trainer.TrainEpoch(batches);
        trainer.TrainEpoch(batches);
        for (var i = 0; i < batches.Length; i++)
        {
            Assert.Equal(copies[i], batches[i].Images.ToArray<float>());
        }
    }

    [Fact]
    public void Step_ByDefault_AllocatesOnlyTheNewParameterValues()
    {
        // Free buffers that earlier tests left in this thread's pool could serve the new parameter values and
        // hide their allocations: start from an empty pool.
        HostMemory.Trim();
        var model = Model(1);
        var trainer = NewTrainer(model, reuse: false);
        var (images, labels) = Batch(2);
        trainer.Step(images, labels);
        trainer.Step(images, labels);
        var before = HostMemory.Allocations;
        const int steps = 3;
        for (var i = 0; i < steps; i++)
        {
            trainer.Step(images, labels);
        }
        Assert.Equal(steps * model.Parameters().Count, HostMemory.Allocations - before);
    }

    [Fact]
    public void Step_ReuseOnOrOff_GivesTheSameWeightsBitForBit()
    {
        float[][] Run(bool reuse)
        {
            var model = Model(3);
            var trainer = NewTrainer(model, reuse);
            for (var i = 0; i < 6; i++)
            {
                var (images, labels) = Batch(10 + i);
                trainer.Step(images, labels);
            }
            return model.Parameters().Select(p => p.Value.ToArray<float>()).ToArray();
        }
        var off = Run(reuse: false);
        var on = Run(reuse: true);
        for (var i = 0; i < off.Length; i++)
        {
            Assert.Equal(off[i], on[i]);
        }
    }

    [Fact]
    public void Step_ByDefault_ParameterValueHeldByTheCaller_KeepsItsValuesAfterLaterSteps()
    {
        var model = Model(4);
        var trainer = NewTrainer(model, reuse: false);
        var (images, labels) = Batch(5);
        trainer.Step(images, labels);
        var held = model.Parameters()[0].Value;
        var expected = held.ToArray<float>();
        for (var i = 0; i < 3; i++)
        {
            trainer.Step(images, labels);
        }
        Assert.Equal(expected, held.ToArray<float>());
        Assert.NotEqual(expected, model.Parameters()[0].Value.ToArray<float>());
    }

    [Fact]
    public void Step_ReusingParameterMemory_OldValueHeldByTheCaller_ThrowsInsteadOfShowingNewValues()
    {
        var model = Model(4);
        var trainer = NewTrainer(model, reuse: true);
        var (images, labels) = Batch(5);
        var initial = model.Parameters()[0].Value;
        var initialValues = initial.ToArray<float>();
        trainer.Step(images, labels);
        var afterFirst = model.Parameters()[0].Value;
        trainer.Step(images, labels);
        trainer.Step(images, labels);
        // The initial value was not made by the trainer: it is never recycled.
        Assert.Equal(initialValues, initial.ToArray<float>());
        // The first step's value was made by the trainer and replaced by the second step.
        Assert.Throws<ObjectDisposedException>(() => afterFirst.ToArray<float>());
    }

    [Fact]
    public void Step_LossFunctionKeepsAnActivation_ReadingItAfterTheStepThrows()
    {
        var model = Model(6);
        Tensor? stolen = null;
        LossFunction spying = (m, images, labels) =>
        {
            var batch = CrossEntropy(m, images, labels);
            stolen = batch.Loss!.Data;
            return batch;
        };
        var trainer = new Trainer(model, new Sgd(model.Parameters(), 0.1), spying);
        var (x, y) = Batch(7);
        trainer.Step(x, y);
        trainer.Step(x, y);
        Assert.Throws<ObjectDisposedException>(() => stolen!.Item());
    }

    [Fact]
    public void Evaluate_AfterScopedTraining_MatchesAFreshModelWithTheSameWeights()
    {
        var model = Model(8);
        var trainer = NewTrainer(model, reuse: true);
        var (images, labels) = Batch(9);
        for (var i = 0; i < 3; i++)
        {
            trainer.Step(images, labels);
        }
        var copy = Model(8);
        foreach (var (p, q) in model.Parameters().Zip(copy.Parameters()))
        {
            q.Value = p.Value.Clone();
        }
        var data = new TensorDataset(images, labels);
        var a = Trainer.Evaluate(model, data, Objective.CrossEntropy);
        var b = Trainer.Evaluate(copy, data, Objective.CrossEntropy);
        Assert.Equal(a.Loss, b.Loss);
        Assert.Equal(a.Accuracy, b.Accuracy);
    }
}
