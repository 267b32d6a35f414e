namespace Scratch.Autograd.Tests.Support;

/// <summary>Seeded test data: every tensor is a function of its seed.</summary>
public static class Seeded
{
    /// <summary>Standard normal values.</summary>
    public static Tensor Normal(ulong seed, int[] shape, DType dtype = DType.Float64, Device? device = null) =>
        Tensor.Randn(new Shape(shape), new Generator(seed), dtype, device);

    /// <summary>Uniform values in [lo, hi).</summary>
    public static Tensor Uniform(ulong seed, int[] shape, double lo, double hi, DType dtype = DType.Float64, Device? device = null) =>
        Tensor.Rand(new Shape(shape), new Generator(seed), dtype, device) * (hi - lo) + lo;

    /// <summary>Int32 labels in 0..classes−1.</summary>
    public static Tensor Labels(ulong seed, int count, int classes, Device? device = null)
    {
        var generator = new Generator(seed);
        var labels = Enumerable.Range(0, count).Select(_ => generator.NextInt(classes)).ToArray();
        return Tensor.FromArray(labels, count).To(device ?? Device.Cpu);
    }
}
