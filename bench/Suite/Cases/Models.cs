using Scratch.BenchSuite.Harness;
using Scratch.Nn;

namespace Scratch.BenchSuite.Cases;

/// <summary>
/// The end-to-end cases' models with weights from <see cref="Inputs"/> (parameter k, in declaration order, is
/// stream 10 + k: weights uniform in ±1/√fan-in, biases in ±0.05), so that every engine starts from the same
/// model and its first loss can be compared.
/// </summary>
public static class Models
{
    /// <summary>784-100-100-10 ReLU MLP.</summary>
    public static Module Mlp()
    {
        var g = new Generator(0);
        return WithSuiteWeights(new Sequential(new Flatten(), new Linear(784, 100, g), new ReLU(), new Linear(100, 100, g), new ReLU(), new Linear(100, 10, g)));
    }

    /// <summary>The model zoo's conv net (conv 1→32 5×5, ReLU, pool, conv 32→64 5×5, ReLU, pool, linear 1024→10).</summary>
    public static Module ConvNet() => WithSuiteWeights(ModelZoo.Create("conv", new Generator(0)));

    private static Module WithSuiteWeights(Module model)
    {
        int k = 0;
        foreach (var (_, p) in model.NamedParameters())
        {
            var shape = p.Shape.ToArray();
            long fanIn = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
            double scale = shape.Length >= 2 ? 2 / Math.Sqrt(fanIn) : 0.1;
            p.Value = Tensor.FromArray(Inputs.Floats(p.Shape.ElementCount, 10 + k, scale), shape);
            k++;
        }
        return model;
    }
}
