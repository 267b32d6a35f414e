using System.Diagnostics;
using Scratch.Autograd;
using Scratch.Data.Sets;
using Scratch.Optim;

namespace Scratch.Nn.Training;

/// <summary>
/// Mini-batch training of a classifier. One epoch: a seeded shuffle of the training set, then for each
/// batch the forward pass, the loss (<see cref="Objective"/>) plus the model's weight
/// <see cref="Module.Penalty"/>, the backward pass, the optimizer step, an optional max-norm
/// projection and a zero-grad. On the CPU the same seed gives the same run bit for bit (tested): the
/// shuffle is drawn from the Philox generator and the CPU kernels are deterministic.
/// </summary>
public sealed class Trainer
{
    private readonly Generator _shuffle;

    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The model; it must already be on the device it will train on.</param>
    /// <param name="optimizer">An optimizer over the model's parameters (create it after moving the model).</param>
    /// <param name="seed">Seeds the order of the examples in each epoch.</param>
    /// <param name="schedule">Sets the learning rate at the start of each epoch (null: the optimizer's rate throughout).</param>
    /// <param name="constraint">Applied to the parameters after each step (maxout training), or null.</param>
    public Trainer(Module model, Optimizer optimizer, ulong seed = 0, LrSchedule? schedule = null, MaxNormConstraint? constraint = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        Model = model;
        Optimizer = optimizer;
        Schedule = schedule;
        Constraint = constraint;
        BaseLearningRate = optimizer.LearningRate;
        _shuffle = new Generator(seed);
    }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning-rate schedule, or null.</summary>
    public LrSchedule? Schedule { get; }

    /// <summary>The post-step constraint, or null.</summary>
    public MaxNormConstraint? Constraint { get; }

    /// <summary>The optimizer's learning rate when the trainer was created; the schedule scales it.</summary>
    public double BaseLearningRate { get; }

    /// <summary>Epochs completed so far.</summary>
    public int EpochsDone { get; private set; }

    /// <summary>Runs one epoch over <paramref name="data"/> in a fresh seeded order.</summary>
    /// <param name="data">The training set.</param>
    /// <param name="batchSize">Examples per mini-batch (the last batch may be smaller).</param>
    /// <param name="progress">Called after each batch, or null.</param>
    /// <returns>Mean data loss, accuracy and throughput over the epoch (on the weights as they changed during it).</returns>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public Metrics TrainEpoch(ImageDataset data, int batchSize, Action<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var epoch = EpochsDone;
        Schedule?.Apply(Optimizer, BaseLearningRate, epoch);
        Model.Train();
        var device = Model.Parameters().First().Value.Device;
        var batches = (data.Count + batchSize - 1) / batchSize;
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long correct = 0;
        var seen = 0;
        var batch = 0;
        foreach (var (images, labels) in data.Batches(batchSize, _shuffle))
        {
            var y = labels.To(device);
            var output = Model.Forward(new Variable(images.To(device)));
            var loss = Objective.Loss(output, y);
            var total = loss + Model.Penalty();
            var lossValue = loss.Item();
            if (!double.IsFinite(lossValue) || !double.IsFinite(total.Item()))
            {
                throw Diverged(total, epoch, batch, lossValue);
            }
            total.Backward();
            Optimizer.Step();
            Constraint?.Apply(Optimizer.Parameters);
            Model.ZeroGrad();
            var n = images.Shape[0];
            lossSum += lossValue * n;
            correct += Objective.CountCorrect(output.Data, y);
            seen += n;
            batch++;
            progress?.Invoke(new BatchProgress(epoch, batch, batches, lossSum / seen, (double)correct / seen, seen / clock.Elapsed.TotalSeconds));
        }
        EpochsDone++;
        return new Metrics(seen > 0 ? lossSum / seen : 0, seen > 0 ? (double)correct / seen : 0, seen, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The mean data loss and accuracy of <paramref name="model"/> on <paramref name="data"/>, computed
    /// without recording a tape and in evaluation mode (dropout off); the model's mode is restored afterwards.
    /// </summary>
    public static Metrics Evaluate(Module model, ImageDataset data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var wasTraining = model.Training;
        model.Eval();
        var device = model.Parameters().First().Value.Device;
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long correct = 0;
        try
        {
            using var noGrad = Autodiff.NoGrad();
            foreach (var (images, labels) in data.Batches(batchSize))
            {
                var y = labels.To(device);
                var output = model.Forward(new Variable(images.To(device)));
                lossSum += Objective.Loss(output, y).Item() * images.Shape[0];
                correct += Objective.CountCorrect(output.Data, y);
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        var count = data.Count;
        return new Metrics(count > 0 ? lossSum / count : 0, count > 0 ? (double)correct / count : 0, count, clock.Elapsed.TotalSeconds);
    }

    // The loss is not finite. Run the backward pass anyway so that gradients exist, then report the first
    // parameter whose value or gradient is not finite: it says where the divergence started.
    private TrainingDivergedException Diverged(Variable total, int epoch, int batch, double lossValue)
    {
        string? culprit = null;
        string? what = null;
        foreach (var p in Optimizer.Parameters)
        {
            if (!IsFinite(p.Value))
            {
                (culprit, what) = (p.Name, "value");
                break;
            }
        }
        if (culprit is null)
        {
            total.Backward();
            foreach (var p in Optimizer.Parameters)
            {
                if (p.Gradient is { } g && !IsFinite(g))
                {
                    (culprit, what) = (p.Name, "gradient");
                    break;
                }
            }
            Model.ZeroGrad();
        }
        var where = culprit is null
            ? "every parameter and gradient is finite, so the forward pass overflowed"
            : $"the first non-finite {what} is in parameter '{culprit}'";
        return new TrainingDivergedException(
            $"training diverged at epoch {epoch + 1}, batch {batch + 1}: loss = {lossValue}; {where}. Try a smaller learning rate (now {Optimizer.LearningRate}).",
            epoch, batch, culprit);
    }

    private static bool IsFinite(Tensor t) => t.To(DType.Float64).ToArray<double>().All(double.IsFinite);
}
