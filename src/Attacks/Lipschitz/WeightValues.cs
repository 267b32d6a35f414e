using System.Globalization;

namespace Scratch.Attacks;

// Problem: the bounds are computed in float64 on the host from weights that may be float32 or live on
// a GPU, and a NaN or infinite weight would turn every norm into NaN without saying why.
// Approach: copy to a float64 host array and check every element first; the error names the weight
// (by its dotted path in a model), the flat index and the value.
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3 (the bounds these weights feed).

/// <summary>
/// A layer's weights as a float64 host array, checked before any bound is computed: a NaN or infinite weight
/// makes every norm meaningless, so it is an error that names the weight, the element and its value.
/// </summary>
internal static class WeightValues
{
    /// <summary>The elements of <paramref name="weight"/> in row-major order, as float64 on the host.</summary>
    /// <param name="weight">The weights.</param>
    /// <param name="name">What the weights are, for the message ("weight", "3.weight").</param>
    /// <param name="argument">The caller's argument that holds them, for <see cref="ArgumentException.ParamName"/>.</param>
    /// <exception cref="ArgumentException">The tensor is empty, not floating point, or holds a NaN or infinity.</exception>
    public static double[] Read(Tensor weight, string name, string argument)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.DType != DType.Float32 && weight.DType != DType.Float64)
        {
            throw new ArgumentException($"lipschitz: {name} is {weight.DType.Name()}; expected float32 or float64", argument);
        }
        var values = weight.To(Device.Cpu).To(DType.Float64).ToArray<double>();
        Require(values, weight.Shape, name, argument);
        return values;
    }

    /// <summary>Checks that <paramref name="values"/> is non-empty and finite.</summary>
    /// <exception cref="ArgumentException">It is empty or holds a NaN or infinity.</exception>
    public static void Require(ReadOnlySpan<double> values, Shape shape, string name, string argument)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException($"lipschitz: {name} of shape {shape} is empty; expected at least one element", argument);
        }
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"lipschitz: {name} of shape {shape} holds {values[i]} at flat index {i}; expected finite weights"), argument);
            }
        }
    }
}
