using Scratch.Autograd;
using Scratch.Nn;

namespace Scratch.Attacks;

/// <summary>
/// Szegedy et al. 2014, §3 (Figs. 1–2): the images of a set that maximise ⟨φ(x), v⟩ for a hidden layer φ, with v a
/// natural basis vector eᵢ (one unit) or a random direction. The paper finds both look equally coherent: the space
/// of activations, not the single unit, carries the meaning.
/// </summary>
public static class UnitDirections
{
    /// <summary>φ(x) for every image: the output of the first <paramref name="layers"/> modules of <paramref name="model"/>, [N, m], in batches, in evaluation mode.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The layer count is not within the model.</exception>
    public static Tensor Features(Sequential model, int layers, Tensor images, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        if (layers < 1 || layers > model.Children.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(layers), layers, $"units: the model has {model.Children.Count} layers");
        }
        var modes = model.NamedModules().Select(m => (m.Module, m.Module.Training)).ToArray();
        model.Eval();
        try
        {
            using var noGrad = Autodiff.NoGrad();
            var parts = new List<Tensor>();
            for (var start = 0; start < images.Shape[0]; start += batchSize)
            {
                // A batch's activations go back to the pool before the next batch, which reuses them; only its features are kept.
                using var scope = DeviceScope.Begin();
                var h = new Variable(images.Narrow(0, start, Math.Min(batchSize, images.Shape[0] - start)));
                foreach (var (_, layer) in model.Children.Take(layers))
                {
                    h = layer.Forward(h);
                }
                parts.Add(scope.Keep(h.Data.Flatten(1)));
            }
            return Tensor.Concat(parts);
        }
        finally
        {
            foreach (var (module, training) in modes)
            {
                module.Train(training);
            }
        }
    }

    /// <summary>A unit vector of dimension <paramref name="dimension"/> with a uniformly random direction (a normalised N(0, I) draw).</summary>
    public static double[] RandomDirection(int dimension, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var v = Tensor.Randn([dimension], new Generator(seed), DType.Float64).ToArray<double>();
        var norm = Math.Sqrt(v.Sum(a => a * a));
        return v.Select(a => a / norm).ToArray();
    }

    /// <summary>The natural basis vector eᵢ of dimension <paramref name="dimension"/>.</summary>
    public static double[] Basis(int dimension, int unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, dimension);
        var v = new double[dimension];
        v[unit] = 1;
        return v;
    }

    /// <summary>The indices of the <paramref name="k"/> rows of <paramref name="features"/> with the largest ⟨φ(x), v⟩, best first (ties: lower index first).</summary>
    public static int[] TopImages(Tensor features, IReadOnlyList<double> direction, int k)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(direction);
        if (features.Rank != 2 || features.Shape[1] != direction.Count)
        {
            throw new ArgumentException($"units: features {features.Shape} and a direction of {direction.Count}; expected [N, {direction.Count}]", nameof(direction));
        }
        var scores = features.To(DType.Float64).MatMul(Tensor.FromArray(direction.ToArray())).To(Device.Cpu).ToArray<double>();
        return Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
    }
}
