using Scratch.Data.Sets;
using Scratch.Optim;

namespace Scratch.Attacks.Tests.Support;

/// <summary>Small seeded models and batches for the attack tests.</summary>
internal static class TestModels
{
    private static readonly Lazy<(Module Model, Tensor Images, Tensor Labels)> TrainedFc10 = new(TrainFc10);

    /// <summary>A softmax regression d → classes in float64 with weights drawn from <paramref name="seed"/>, scaled by <paramref name="scale"/>.</summary>
    public static Linear SoftmaxRegression(int d, int classes, ulong seed, double scale = 1.0)
    {
        var g = new Generator(seed);
        var model = new Linear(d, classes, g);
        model.To(DType.Float64);
        model.Weight.Value = Tensor.Randn([classes, d], g, DType.Float64) * scale;
        model.Bias!.Value = Tensor.Randn([classes], g, DType.Float64) * 0.1;
        return model;
    }

    /// <summary>A sigmoid MLP d → hidden → classes in float64, every weight multiplied by <paramref name="gain"/> (steeper logits).</summary>
    public static Sequential Mlp(int d, int hidden, int classes, ulong seed, double gain = 1.0)
    {
        var g = new Generator(seed);
        var model = new Sequential(new Linear(d, hidden, g), new Sigmoid(), new Linear(hidden, classes, g));
        model.To(DType.Float64);
        foreach (var p in model.Parameters())
        {
            p.Value = p.Value * gain;
        }
        return model;
    }

    /// <summary>A batch [n, d] of uniform values in [low, high) and uniform labels in [0, classes).</summary>
    public static (Tensor X, Tensor Labels) Batch(int n, int d, int classes, ulong seed, double low = 0.2, double high = 0.8, DType dtype = DType.Float64)
    {
        var g = new Generator(seed);
        var x = Tensor.Rand([n, d], g, DType.Float64) * (high - low) + low;
        var labels = Enumerable.Range(0, n).Select(_ => g.NextInt(classes)).ToArray();
        return (x.To(dtype), Tensor.FromArray(labels));
    }

    /// <summary>fc10 trained for 3 epochs of SGD on the first 5,000 real MNIST training images, and 500 test images.</summary>
    public static (Module Model, Tensor Images, Tensor Labels) MnistFc10 => TrainedFc10.Value;

    private static (Module, Tensor, Tensor) TrainFc10()
    {
        var (train, test) = Mnist.Load();
        train = train.Range(0, 5000);
        test = test.Range(0, 500);
        var model = ModelZoo.Create("fc10", new Generator(0));
        var optimizer = new Sgd(model.Parameters(), 0.1, momentum: 0.9);
        for (var epoch = 0; epoch < 3; epoch++)
        {
            foreach (var (images, labels) in train.Batches(100, new Generator((ulong)epoch)))
            {
                var loss = Losses.CrossEntropy(model.Forward(new Variable(images)), labels);
                loss.Backward();
                optimizer.Step();
                model.ZeroGrad();
            }
        }
        return (model, test.Images(), test.LabelTensor());
    }
}
