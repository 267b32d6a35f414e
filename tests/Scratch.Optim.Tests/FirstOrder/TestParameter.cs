namespace Scratch.Optim.Tests;

/// <summary>A float64 parameter whose gradient the test sets by hand.</summary>
internal sealed class TestParameter(string name, params double[] value) : IParameter
{
    public string Name { get; } = name;

    public Tensor Value { get; set; } = Tensor.FromArray(value);

    public Tensor? Gradient { get; set; }

    public double[] Values => Value.ToArray<double>();

    public void SetGradient(params double[] g) => Gradient = Tensor.FromArray(g);
}
