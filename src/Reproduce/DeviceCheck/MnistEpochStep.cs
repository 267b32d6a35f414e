using Scratch.Data.Sets;
using Scratch.Diagnostics;
using Scratch.Nn;
using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Reproduce.DeviceCheck;

/// <summary>
/// The training section of <c>scratch gpu-check</c>: one epoch of SGD (learning rate 0.05, momentum 0.9,
/// batches of 128) over a slice of MNIST's training set, from the same seed on the device under test and on
/// the CPU, then the test set evaluated. Each device trains a fresh model once untimed and then once per
/// repetition; the rows give examples per second (median and range), and a comparison row passes when the
/// device's epoch loss is within 0.1% of the CPU's and its test accuracy within half a percentage point
/// (float32 sums in another order drift slightly over an epoch; a wrong kernel does far worse).
/// Models: <c>fc100-100-10</c> and <c>conv</c> on 10,000 images; <c>fc10</c> on 128 with small sizes.
/// </summary>
/// <param name="load">Loads the training and test sets; called when the step runs, so that missing data fails this step only.</param>
public sealed class MnistEpochStep(Func<(ImageDataset Train, ImageDataset Test)> load) : IGpuCheckStep
{
    private const ulong Seed = 1;
    private const int BatchSize = 128;
    private const double LossRtol = 1e-3;
    private const double AccuracyAtol = 0.005;

    /// <inheritdoc/>
    public string Section => "mnist epoch";

    /// <inheritdoc/>
    public void Run(GpuCheckContext context, GpuCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var (train, test) = load();
        train = train.Range(0, Math.Min(context.Small ? 128 : 10_000, train.Count));
        test = test.Range(0, Math.Min(context.Small ? 500 : 10_000, test.Count));
        string[] models = context.Small ? ["fc10"] : ["fc100-100-10", "conv"];
        var repetitions = context.Small ? 2 : 3;
        foreach (var model in models)
        {
            context.Log($"{Section}: {model} on {context.Device} and cpu, {train.Count} images");
            var device = Train(model, context.Device, train, test, repetitions);
            var cpu = Train(model, Device.Cpu, train, test, repetitions);
            foreach (var (d, run) in new[] { (context.Device, device), (Device.Cpu, cpu) })
            {
                report.Add(Section, $"{model}, one epoch of {train.Count} images, {d}", TimingStats.Rate(train.Count / run.Timing.Median, "examples/s"),
                    FormattableString.Invariant($"epoch {run.Timing}; {(run.Repeatable ? "every run gave the same loss bit for bit" : "runs differed")}"));
            }
            var lossOk = Math.Abs(device.Loss - cpu.Loss) <= LossRtol * Math.Abs(cpu.Loss);
            var accuracyOk = Math.Abs(device.Test.Accuracy - cpu.Test.Accuracy) <= AccuracyAtol;
            report.Add(Section, $"{model}: {context.Device} against cpu after one epoch",
                FormattableString.Invariant($"loss {device.Loss:F5} vs {cpu.Loss:F5}, test accuracy {device.Test.Accuracy:P2} vs {cpu.Test.Accuracy:P2}"),
                FormattableString.Invariant($"same seed and batches; agree when the loss is within {LossRtol:P1} and the accuracy on {test.Count} test images within {AccuracyAtol:P1}"),
                lossOk && accuracyOk ? CheckStatus.Pass : CheckStatus.Fail);
        }
    }

    private sealed record EpochRun(double Loss, bool Repeatable, Metrics Test, TimingStats Timing);

    private static EpochRun Train(string name, Device device, ImageDataset train, ImageDataset test, int repetitions)
    {
        var trainBatches = RecipeTraining.Batches(train);
        var losses = new List<double>();
        Module? last = null;
        var timing = Timing.Measure(() =>
        {
            var model = ModelZoo.Create(name, new Generator(Seed)).To(device);
            var optimizer = new Sgd(model.Parameters(), 0.05, momentum: 0.9);
            losses.Add(new Trainer(model, optimizer, Objective.CrossEntropy.LossFunction, Seed).TrainEpoch(trainBatches, BatchSize).Loss);
            last = model;
        }, repetitions, device.IsHost ? null : () => Devices.Synchronize(device));
        return new EpochRun(losses[^1], losses.All(l => l.Equals(losses[0])),
            Trainer.Evaluate(last!, RecipeTraining.Batches(test), Objective.CrossEntropy), timing);
    }
}
