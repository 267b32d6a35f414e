using BenchmarkDotNet.Attributes;
using Scratch.Attacks;
using Scratch.BenchSuite.Cases;
using Scratch.BenchSuite.Harness;
using Scratch.Nn;
using Scratch.Nn.Training;
using TorchSharp;
using static TorchSharp.torch;
using STensor = Scratch.Tensor;
using TTensor = TorchSharp.torch.Tensor;

namespace Scratch.Bench.Torch;

/// <summary>
/// One training step (forward, cross-entropy, backward, SGD with lr 0.01 and momentum 0.9), batch 128 (pixels stream 1,
/// labels stream 2), of the 784-100-100-10 ReLU MLP or the conv net, both engines from the suite's weights
/// (<see cref="Models"/>); their first losses are compared. Scratch's is a <see cref="Trainer"/> step, TorchSharp's runs
/// in a dispose scope: both recycle the step's tensors.
/// </summary>
public class StepPair : Pair
{
    private Module _scratch = null!;
    private Trainer _trainer = null!;
    private STensor _x = null!, _y = null!;
    private nn.Module<TTensor, TTensor> _torch = null!;
    private optim.Optimizer _torchSgd = null!;
    private TTensor _tx = null!, _ty = null!;

    [Params("MLP", "conv-net")]
    public string Model { get; set; } = "MLP";

    [GlobalSetup]
    public void Setup()
    {
        UseThreads();
        var pixels = Inputs.Pixels(128 * 784, 1);
        var labels = Inputs.Labels(128, 2, 10);
        (_x, _y) = (STensor.FromArray(pixels, 128, 1, 28, 28), STensor.FromArray(labels));
        (_tx, _ty) = (Torch(pixels, 128, 1, 28, 28), Labels(labels));
        _scratch = Model == "MLP" ? Models.Mlp() : Models.ConvNet();
        _trainer = new Trainer(_scratch, new Optim.Sgd(_scratch.Parameters(), 0.01, momentum: 0.9), Objective.CrossEntropy.LossFunction) { ReuseParameterMemory = true };
        _torch = Model == "MLP"
            ? nn.Sequential(nn.Flatten(), nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 10))
            : nn.Sequential(nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2),
                nn.Flatten(), nn.Linear(1024, 10));
        CopyWeights(_torch, _scratch);
        _torchSgd = optim.SGD(_torch.parameters(), 0.01, momentum: 0.9);
        Check($"{Model} step's first loss", [ScratchStep()], [TorchSharpStep()], Model == "MLP" ? 1e-5 : 1e-4);
    }

    // The step the CLI's training runs: a Trainer step in its memory scope, with the parameters' memory reused.
    [Benchmark(Baseline = true)]
    public double ScratchStep() => _trainer.Step(_x, _y).Loss;

    [Benchmark]
    public double TorchSharpStep()
    {
        using var scope = torch.NewDisposeScope();
        var loss = nn.functional.cross_entropy(_torch.forward(_tx), _ty);
        _torchSgd.zero_grad();
        loss.backward();
        _torchSgd.step();
        return loss.item<float>();
    }

    public override Row Describe() => new("end-to-end", "end-to-end", $"{Model} step (batch 128)", 0);
}

/// <summary>
/// FGSM at ε = 0.25 on one batch of 1,000 images (pixels stream 4, labels stream 5, bench/Suite's FGSM inputs) through
/// the MLP: the gradient of the cross-entropy, x + ε·sign(∇), clipped to [0, 1], and the scores of x′ (as Scratch's
/// Fgsm.Run computes them); the adversarial images are compared.
/// </summary>
public class FgsmPair : Pair
{
    private Classifier _classifier = null!;
    private STensor _x = null!, _y = null!;
    private nn.Module<TTensor, TTensor> _torch = null!;
    private TTensor _tx = null!, _ty = null!;

    [GlobalSetup]
    public void Setup()
    {
        UseThreads();
        var pixels = Inputs.Pixels(1000 * 784, 4);
        var labels = Inputs.Labels(1000, 5, 10);
        (_x, _y) = (STensor.FromArray(pixels, 1000, 1, 28, 28), STensor.FromArray(labels));
        (_tx, _ty) = (Torch(pixels, 1000, 1, 28, 28), Labels(labels));
        var model = Models.Mlp();
        _classifier = Classifier.FromModule(model);
        _torch = nn.Sequential(nn.Flatten(), nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 10));
        CopyWeights(_torch, model);
        foreach (var p in _torch.parameters())
        {
            p.requires_grad = false;
        }
        using var scope = torch.NewDisposeScope();
        Check("FGSM's adversarial images", Values(Scratch()), Values(TorchAttack().Adversarial), 1e-3);
    }

    [Benchmark(Baseline = true)]
    public STensor Scratch() => Fgsm.Run(_classifier, _x, _y, 0.25).Adversarial;

    [Benchmark]
    public long TorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        return TorchAttack().Misclassified;
    }

    private (TTensor Adversarial, long Misclassified) TorchAttack()
    {
        var x = _tx.detach().requires_grad_(true);
        var grad = torch.autograd.grad([nn.functional.cross_entropy(_torch.forward(x), _ty)], [x])[0];
        var adversarial = (x.detach() + 0.25 * grad.sign()).clamp_(0, 1);
        using (torch.no_grad())
        {
            return (adversarial, _torch.forward(adversarial).argmax(1).ne(_ty).sum().item<long>());
        }
    }

    public override Row Describe() => new("end-to-end", "end-to-end", "FGSM, 1,000 images (one batch)", 0);
}
