using System.Diagnostics;
using Scratch.Autograd;
using Scratch.Optim;

namespace Scratch.Nn.Training;

/// <summary>
/// Mini-batch training of a model with a loss the caller chooses (candle-nn's <c>backward_step</c>
/// shape). <see cref="Step"/> is one optimisation step on one batch: the <see cref="LossFunction"/>
/// plus the model's weight <see cref="Module.Penalty"/>, the <see cref="DivergenceRule"/> check, the
/// backward pass, the optimizer step, the optional max-norm projection and a zero-grad.
/// <see cref="TrainEpoch(IBatchSource, int, Action{BatchProgress}?)"/> runs one epoch of steps in a
/// seeded order, setting the learning rate (and SGD's momentum ramp) for the epoch first. On the CPU
/// the same seed gives the same run bit for bit (tested): the shuffle is drawn from the Philox
/// generator and the CPU kernels are deterministic.
/// </summary>
public sealed class Trainer
{
    private readonly Generator _shuffle;
    private double? _start; // the objective of the first finite step: the divergence rule's reference
    private int _batch; // steps taken in the current epoch
    private Tensor[]? _before; // the parameter values before the optimizer step (a reused work array)
    private Tensor?[]? _made; // the parameter values this trainer's last step made (recyclable with ReuseParameterMemory)

    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The model; it must already be on the device it will train on.</param>
    /// <param name="optimizer">An optimizer over the model's parameters (create it after moving the model).</param>
    /// <param name="loss">The data loss of a batch, e.g. <see cref="Objective.LossFunction"/>.</param>
    /// <param name="seed">Seeds the order of the examples in each epoch.</param>
    /// <param name="schedule">Sets the learning rate at the start of each epoch (null: the optimizer's rate throughout).</param>
    /// <param name="constraint">Applied to the parameters after each step (maxout training), or null.</param>
    /// <param name="momentum">Sets SGD's momentum at the start of each epoch (maxout's 0.5 → 0.7), or null.</param>
    /// <param name="divergence">When to stop the run as diverged (null: <see cref="DivergenceRule.Default"/>).</param>
    /// <exception cref="ArgumentException">A momentum ramp is given with an optimizer other than <see cref="Sgd"/>, or the divergence rule is invalid.</exception>
    public Trainer(Module model, Optimizer optimizer, LossFunction loss, ulong seed = 0, LrSchedule? schedule = null,
        MaxNormConstraint? constraint = null, MomentumRamp? momentum = null, DivergenceRule? divergence = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        if (momentum is not null && optimizer is not Sgd)
        {
            throw new ArgumentException($"Trainer: a momentum ramp needs SGD; the optimizer is {optimizer.GetType().Name}", nameof(momentum));
        }
        Divergence = divergence ?? DivergenceRule.Default;
        Divergence.Validate();
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
        Schedule = schedule;
        Constraint = constraint;
        MomentumRamp = momentum;
        BaseLearningRate = optimizer.LearningRate;
        _shuffle = new Generator(seed);
    }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The data loss each step minimises (the weight penalty is added to it).</summary>
    public LossFunction Loss { get; }

    /// <summary>The learning-rate schedule, or null.</summary>
    public LrSchedule? Schedule { get; }

    /// <summary>The post-step constraint, or null.</summary>
    public MaxNormConstraint? Constraint { get; }

    /// <summary>SGD's momentum ramp, or null.</summary>
    public MomentumRamp? MomentumRamp { get; }

    /// <summary>When a step counts as diverged.</summary>
    public DivergenceRule Divergence { get; }

    /// <summary>The optimizer's learning rate when the trainer was created; the schedule scales it.</summary>
    public double BaseLearningRate { get; }

    /// <summary>The phase stamped on progress reports (pretraining or training).</summary>
    public TrainingPhase Phase { get; init; } = TrainingPhase.Training;

    /// <summary>Epochs completed so far.</summary>
    public int EpochsDone { get; private set; }

    /// <summary>
    /// Whether a step recycles the memory of the parameter values it replaces (false by default). On, a steady
    /// run allocates no tensor memory at all, but a parameter value read after one step can no longer be read
    /// after the next (it throws <see cref="ObjectDisposedException"/>; <see cref="Tensor.Clone"/> it to keep it).
    /// Off, each step's new parameter values are fresh memory and every value ever read keeps its contents.
    /// Only values this trainer's own previous step made are recycled (docs/memory.md).
    /// </summary>
    public bool ReuseParameterMemory { get; init; }

    /// <summary>
    /// One optimisation step on one batch, in the model's current mode: the loss function's data loss
    /// plus the weight penalty is checked against <see cref="Divergence"/>, differentiated and handed
    /// to the optimizer; then the max-norm constraint and a zero-grad. The batch is moved to the
    /// model's device first. The step runs in a <see cref="DeviceScope"/>: every tensor it creates
    /// (activations, the tape's saved tensors, gradients, and whatever the loss function creates) is
    /// recycled when it returns, so a loss function must not keep tensors beyond its step; the new
    /// parameter values and the optimizer's state are made outside the scope and live on.
    /// </summary>
    /// <returns>The data loss and objective before the step, and the correct count when the loss gives predictions.</returns>
    /// <exception cref="TrainingDivergedException">The step diverged; nothing was updated.</exception>
    /// <exception cref="ArgumentException">The loss function returned something other than a scalar.</exception>
    public StepResult Step(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = DeviceScope.Begin();
        var device = Model.Parameters()[0].Value.Device;
        var y = labels.To(device);
        var batch = Loss(Model, images.To(device), y);
        var loss = batch.Loss ?? throw new ArgumentException("Trainer: the loss function returned no loss", nameof(images));
        if (loss.Shape.ElementCount != 1)
        {
            throw new ArgumentException($"Trainer: the loss function returned shape {loss.Shape}; expected a scalar", nameof(images));
        }
        var objective = loss + Model.Penalty();
        var lossValue = loss.Item();
        var objectiveValue = objective.Item();
        if (_start is null && double.IsFinite(objectiveValue))
        {
            _start = objectiveValue;
        }
        if (Divergence.HasDiverged(lossValue, objectiveValue, _start ?? objectiveValue))
        {
            throw DivergenceDiagnosis.Diagnose(Model, objective, lossValue, objectiveValue, _start ?? objectiveValue, Divergence, EpochsDone, _batch, Optimizer.LearningRate);
        }
        objective.Backward();
        UpdateParameters(scope);
        Model.ZeroGrad();
        long? correct = batch.Predictions is { } predictions ? Objective.CountEqual(predictions, y) : null;
        _batch++;
        return new StepResult(lossValue, objectiveValue, images.Shape[0], correct);
    }

    /// <summary>Runs one epoch over <paramref name="data"/> in a fresh seeded order.</summary>
    /// <param name="data">The training set.</param>
    /// <param name="batchSize">Examples per mini-batch (the last batch may be smaller).</param>
    /// <param name="progress">Called after each batch, or null.</param>
    /// <returns>Mean data loss, accuracy and throughput over the epoch (on the weights as they changed during it).</returns>
    /// <exception cref="TrainingDivergedException">The run diverged (see <see cref="Divergence"/>).</exception>
    public Metrics TrainEpoch(IBatchSource data, int batchSize, Action<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return RunEpoch(data.Batches(batchSize, _shuffle), (data.Count + batchSize - 1) / batchSize, progress);
    }

    /// <summary>
    /// Runs one epoch over the given batches, in the order given (the caller shuffles). Each batch is drawn inside a
    /// <see cref="DeviceScope"/> that ends after its step: tensors the enumeration itself creates then are recycled
    /// with it (a batch the caller made beforehand, or holds, is not affected).
    /// </summary>
    /// <exception cref="TrainingDivergedException">The run diverged (see <see cref="Divergence"/>).</exception>
    public Metrics TrainEpoch(IEnumerable<(Tensor Images, Tensor Labels)> batches, Action<BatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return RunEpoch(batches, batches.TryGetNonEnumeratedCount(out var count) ? count : 0, progress);
    }

    /// <summary>
    /// The mean data loss and accuracy of <paramref name="model"/> on <paramref name="data"/> under
    /// <paramref name="objective"/>, computed without recording a tape and in evaluation mode (dropout
    /// off), each batch in a <see cref="DeviceScope"/>; the model's mode is restored afterwards.
    /// </summary>
    public static Metrics Evaluate(Module model, IBatchSource data, Objective objective, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var wasTraining = model.Training;
        model.Eval();
        var device = model.Parameters()[0].Value.Device;
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long correct = 0;
        try
        {
            using var noGrad = Autodiff.NoGrad();
            foreach (var (images, labels) in ScopedBatches.EachInItsOwnScope(data.Batches(batchSize)))
            {
                var y = labels.To(device);
                var output = model.Forward(new Variable(images.To(device)));
                lossSum += objective.Loss(output, y).Item() * images.Shape[0];
                correct += objective.CountCorrect(output.Data, y);
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        var count = data.Count;
        return new Metrics(count > 0 ? lossSum / count : 0, count > 0 ? (double)correct / count : 0, count, clock.Elapsed.TotalSeconds);
    }

    private Metrics RunEpoch(IEnumerable<(Tensor Images, Tensor Labels)> batches, int batchCount, Action<BatchProgress>? progress)
    {
        var epoch = EpochsDone;
        Schedule?.Apply(Optimizer, BaseLearningRate, epoch);
        if (MomentumRamp is not null)
        {
            MomentumRamp.Apply((Sgd)Optimizer, epoch);
        }
        Model.Train();
        _batch = 0;
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long correct = 0;
        var classified = true;
        var seen = 0;
        using var batch = batches.GetEnumerator();
        while (true)
        {
            StepResult step;
            // The batch is drawn inside a scope around its step, so a source that makes its batches as op results
            // (ImageDataset, TensorDataset) gets the same arrays back step after step.
            using (DeviceScope.Begin())
            {
                if (!batch.MoveNext())
                {
                    break;
                }
                step = Step(batch.Current.Images, batch.Current.Labels);
            }
            lossSum += step.Loss * step.Examples;
            classified &= step.Correct is not null;
            correct += step.Correct ?? 0;
            seen += step.Examples;
            progress?.Invoke(new BatchProgress(epoch, _batch, batchCount, lossSum / seen, Accuracy(correct, seen, classified), seen / clock.Elapsed.TotalSeconds) { Phase = Phase });
        }
        EpochsDone++;
        return new Metrics(seen > 0 ? lossSum / seen : 0, seen > 0 ? Accuracy(correct, seen, classified) : 0, seen, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The optimizer step and the constraint, outside the step's scope (their results are the new parameters and
    /// the optimizer's state). A value the optimizer made and the constraint replaced at once was never seen by
    /// anyone and is recycled; so, with <see cref="ReuseParameterMemory"/>, is each value this trainer's previous
    /// step made and this one replaced.
    /// </summary>
    private void UpdateParameters(DeviceScope scope)
    {
        var parameters = Optimizer.Parameters;
        var before = _before ??= new Tensor[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            before[i] = parameters[i].Value;
        }
        using (DeviceScope.Suspend())
        {
            Optimizer.Step();
            if (Constraint is not null)
            {
                var stepped = parameters.Select(p => p.Value).ToArray();
                using var inner = DeviceScope.Begin();
                Constraint.Apply(parameters);
                for (var i = 0; i < parameters.Count; i++)
                {
                    inner.Keep(parameters[i].Value);
                    if (!ReferenceEquals(stepped[i], parameters[i].Value) && !ReferenceEquals(stepped[i], before[i]))
                    {
                        scope.Own(stepped[i]);
                    }
                }
            }
        }
        var made = _made ??= new Tensor?[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            var now = parameters[i].Value;
            if (ReuseParameterMemory && !ReferenceEquals(before[i], now) && ReferenceEquals(before[i], made[i]))
            {
                scope.Own(before[i]);
            }
            made[i] = ReferenceEquals(before[i], now) ? made[i] : now;
            before[i] = null!;
        }
    }

    private static double Accuracy(long correct, int seen, bool classified) => classified ? (double)correct / seen : double.NaN;
}
