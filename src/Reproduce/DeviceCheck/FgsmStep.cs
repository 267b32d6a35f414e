using Scratch.Attacks;
using Scratch.Data.Sets;
using Scratch.Diagnostics;
using Scratch.Nn;
using Scratch.Nn.Training;
using Scratch.Optim;

namespace Scratch.Reproduce.DeviceCheck;

/// <summary>
/// The attack section of <c>scratch gpu-check</c>: FGSM at ε = 0.25 (Goodfellow eq. 6) over the MNIST test set in
/// batches of 1,000, through the 784-100-100-10 sigmoid net after one epoch of training on the CPU, run on the
/// device under test and on the CPU with the same weights. With small sizes: softmax regression (fc10) on 32 test
/// images, which ILGPU's CPU accelerator runs in seconds. The rows give images per second (median and range);
/// the comparison passes when the two runs' adversarial predictions agree on at least 99% of the images (the
/// sign of a gradient entry near zero may differ between summation orders; a wrong kernel disagrees widely).
/// </summary>
/// <param name="load">Loads the training and test sets; called when the step runs, so that missing data fails this step only.</param>
public sealed class FgsmStep(Func<(ImageDataset Train, ImageDataset Test)> load) : IGpuCheckStep
{
    private const ulong Seed = 1;
    private const double Epsilon = 0.25;
    private const double MinAgreement = 0.99;

    /// <inheritdoc/>
    public string Section => "fgsm";

    /// <inheritdoc/>
    public void Run(GpuCheckContext context, GpuCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var (train, test) = load();
        train = train.Range(0, Math.Min(context.Small ? 256 : 10_000, train.Count));
        test = test.Range(0, Math.Min(context.Small ? 32 : 10_000, test.Count));
        var name = context.Small ? "fc10" : "fc100-100-10";
        var batchSize = context.Small ? 32 : 1000;
        var model = ModelZoo.Create(name, new Generator(Seed));
        new Trainer(model, new Sgd(model.Parameters(), 0.05, momentum: 0.9), Objective.CrossEntropy.LossFunction, Seed)
            .TrainEpoch(RecipeTraining.Batches(train), 128);
        context.Log($"{Section}: {name}, ε = {Epsilon}, {test.Count} test images on {context.Device} and cpu");
        var device = Attack(name, model, context.Device, test, batchSize, context.Repetitions);
        var cpu = Attack(name, model, Device.Cpu, test, batchSize, context.Repetitions);
        foreach (var (d, run) in new[] { (context.Device, device), (Device.Cpu, cpu) })
        {
            report.Add(Section, $"{name}, ε = {FormattableString.Invariant($"{Epsilon}")}, {test.Count} images in batches of {batchSize}, {d}",
                TimingStats.Rate(test.Count / run.Timing.Median, "images/s"), FormattableString.Invariant($"attack {run.Timing}; adversarial error {run.ErrorRate:P1}"));
        }
        var agreement = device.Predictions.Zip(cpu.Predictions).Count(p => p.First == p.Second) / (double)test.Count;
        report.Add(Section, $"{name}: {context.Device} against cpu",
            FormattableString.Invariant($"adversarial predictions agree on {agreement:P2}; error {device.ErrorRate:P1} vs {cpu.ErrorRate:P1}"),
            FormattableString.Invariant($"same weights and images; agree when at least {MinAgreement:P0} of the predictions on x′ are equal"),
            agreement >= MinAgreement ? CheckStatus.Pass : CheckStatus.Fail);
    }

    private sealed record AttackRun(int[] Predictions, double ErrorRate, TimingStats Timing);

    private static AttackRun Attack(string name, Module trained, Device device, ImageDataset test, int batchSize, int repetitions)
    {
        var model = ModelZoo.Create(name, new Generator(Seed));
        model.LoadStateDict(trained.StateDict());
        var classifier = Classifier.ForZooModel(name, model.To(device));
        var images = test.Images().To(device);
        var labels = test.LabelTensor().To(device);
        IReadOnlyList<AttackResult> results = [];
        var timing = Timing.Measure(
            () => results = AttackRunner.InBatches(images, labels, batchSize,
                (x, y, first) => [Fgsm.Run(classifier, x, y, Epsilon, firstIndex: first)]),
            repetitions, device.IsHost ? null : () => Devices.Synchronize(device));
        var result = results[0];
        return new AttackRun(result.Examples.Select(e => e.Prediction).ToArray(), result.Metrics().ErrorRate, timing);
    }
}
