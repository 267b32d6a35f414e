namespace Scratch.Attacks;

// Problem: the exact norm of a zero-padded, strided convolution layer as a linear map on in × H × W
// inputs, to check (and, where wanted, tighten) the DFT bound of ConvolutionSpectrum.cs, which can
// only be larger.
// Approach: power iteration (PowerIteration.cs) with the layer itself as A, Tensor.Conv2d on one float64
// example [1, in, H, W], and its transpose Aᵀ, Tensor.Conv2dBackwardInput (the gradient of a
// convolution with respect to its input is the adjoint map: ⟨A x, y⟩ = ⟨x, Aᵀ y⟩).
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3.
//   [2] Golub & Van Loan 2013, "Matrix Computations", 4th ed., §8.2.1 (the power method).

/// <summary>The operator norm of a zero-padded convolution layer on a given input size, by power iteration on the layer and its transpose.</summary>
public static class ConvolutionOperator
{
    /// <summary>‖A‖₂ for A: x ↦ conv(x, <paramref name="weight"/>) on inputs [in, <paramref name="height"/>, <paramref name="width"/>] with the given stride and zero padding.</summary>
    /// <exception cref="ArgumentException">The weight is not of rank 4, is empty or not finite, or the geometry is invalid.</exception>
    public static PowerIterationResult Norm(Tensor weight, int height, int width, int stride = 1, int padding = 0, PowerIterationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 4)
        {
            throw new ArgumentException($"convolution operator: weight of shape {weight.Shape}; expected [out, in, kh, kw]", nameof(weight));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var w = Tensor.FromArray(WeightValues.Read(weight, nameof(weight), nameof(weight)), weight.Shape.ToArray());
        Shape input = [1, weight.Shape[1], height, width];
        (int, int) s = (stride, stride);
        (int, int) p = (padding, padding);
        // Fails here, with the geometry named, when the kernel, stride or padding do not fit the input.
        var outputShape = Tensor.Conv2d(Tensor.Zeros(input, DType.Float64), w, null, s, p).Shape;
        return PowerIteration.Run(
            x => Tensor.Conv2d(Tensor.FromArray(x, input.ToArray()), w, null, s, p).ToArray<double>(),
            y => Tensor.Conv2dBackwardInput(Tensor.FromArray(y, outputShape.ToArray()), w, input, s, p).ToArray<double>(),
            input.ElementCount, options);
    }
}
