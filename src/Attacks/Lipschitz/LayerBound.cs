using System.Globalization;
using Scratch.Nn;

namespace Scratch.Attacks;

// Problem: an upper bound on the ℓ₂ Lipschitz constant of one layer of a network, with the shape of one
// example leaving it (the next layer needs it: a convolution's bound depends on its input size).
// Approach, by kind of layer [1, §4.3]:
//   Linear, x ↦ Wx + b: ‖W‖₂ by power iteration (SpectralNorm.cs); the bias cancels.
//   Conv2d: the DFT bound on the padded input grid (ConvolutionSpectrum.cs), valid for any stride.
//   MaxPool2d, AvgPool2d: ⌈k/s⌉ and ⌈k/s⌉/k (PoolingBound.cs).
//   Maxout: the smaller of two valid bounds (MaxoutBound.cs).
//   Element-wise φ applied to each coordinate: sup|φ′|, since |φ(a) − φ(b)| ≤ sup|φ′|·|a − b| per
//   coordinate: ReLU 1, tanh 1 (tanh′(0) = 1), softplus 1 (ζ′ = σ < 1), sigmoid 1/4 (σ′ = σ(1 − σ) ≤ 1/4).
//   Flatten: 1 (a reshape moves no value). Dropout: 1, the identity it is in evaluation; the bounds are
//   those of the model in evaluation mode, whatever mode it is in.
//   Rbf (Goodfellow et al. 2015 [2, §7]): s_k(x) = −Σᵢ β_ki (xᵢ − μ_ki)² is quadratic in x, so its
//   gradient, −2β_k ⊙ (x − μ_k), is unbounded on ℝⁿ: no global Lipschitz constant exists. We return +∞
//   and say so; a bound on a bounded input domain (the pixel box) is not covered here.
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3.
//   [2] Goodfellow, Shlens & Szegedy 2015, "Explaining and harnessing adversarial examples", ICLR, §7.

/// <summary>The Lipschitz bound of one layer, given the shape of its input batch [1, …].</summary>
internal static class LayerBound
{
    /// <summary>The layer kinds with a bound, for error messages.</summary>
    public const string Supported = "Linear, Conv2d, MaxPool2d, AvgPool2d, Maxout, ReLU, Sigmoid, Tanh, Softplus, Flatten, Dropout, Rbf (+∞), and Sequential of these";

    /// <summary>The row for <paramref name="layer"/> and the shape [1, …] of its output.</summary>
    /// <exception cref="ArgumentException">The input shape does not fit the layer, or a weight is not finite.</exception>
    /// <exception cref="NotSupportedException">The layer is of a kind with no bound here.</exception>
    public static (LayerLipschitz Row, Shape Output) For(string name, Module layer, Shape input, PowerIterationOptions? options)
    {
        var kind = layer.GetType().Name;
        LayerLipschitz Row(double bound, string method, Shape output, PowerIterationResult? run = null) =>
            new(name, kind, bound, method, PerExample(input), PerExample(output), run?.Iterations, run?.Converged);
        switch (layer)
        {
            case Linear linear:
            {
                RequireLastAxis(name, linear.Describe(), input, linear.InFeatures);
                var run = SpectralNorm.OfMatrix(WeightValues.Read(linear.Weight.Value, linear.Weight.Name, "model"), linear.OutFeatures, linear.InFeatures, options);
                var output = WithLastAxis(input, linear.OutFeatures);
                return (Row(run.Norm, "‖W‖₂ (largest singular value) by power iteration on WᵀW", output, run), output);
            }
            case Conv2d conv:
            {
                var (channels, height, width) = RequireImage(name, conv.Describe(), input, conv.InChannels);
                var output = new Shape(1, conv.OutChannels,
                    Window(name, conv.Describe(), height, conv.Kernel, conv.Stride, conv.Padding),
                    Window(name, conv.Describe(), width, conv.Kernel, conv.Stride, conv.Padding));
                var w = WeightValues.Read(conv.Weight.Value, conv.Weight.Name, "model");
                // The padded input grid (H + 2p) × (W + 2p); Window has checked that the kernel fits it.
                var spectrum = ConvolutionSpectrum.Compute(w, conv.Weight.Shape, height + 2 * conv.Padding, width + 2 * conv.Padding);
                var stride = conv.Stride > 1 ? $"; stride {conv.Stride} keeps a subset of the stride-1 outputs, so the bound holds" : "";
                var method = string.Create(CultureInfo.InvariantCulture,
                    $"max over the {spectrum.GridHeight}×{spectrum.GridWidth} DFT grid (padded input) of σ_max of the {conv.OutChannels}×{channels} kernel-DFT matrix; exact for circular padding, an upper bound for zero padding{stride}");
                return (Row(spectrum.Norm, method, output), output);
            }
            case MaxPool2d pool:
            {
                var output = PoolOutput(name, pool.Describe(), input, pool.Kernel, pool.Stride, pool.Padding);
                var method = pool.Stride >= pool.Kernel
                    ? "non-overlapping windows: max is 1-Lipschitz on each window"
                    : $"overlapping windows: a position lies in at most ⌈k/s⌉² = {PoolingBound.Overlap(pool.Kernel, pool.Stride)}² windows";
                return (Row(PoolingBound.Max(pool.Kernel, pool.Stride), method, output), output);
            }
            case AvgPool2d pool:
            {
                var output = PoolOutput(name, pool.Describe(), input, pool.Kernel, pool.Stride, pool.Padding);
                return (Row(PoolingBound.Average(pool.Kernel, pool.Stride), "⌈k/s⌉/k: mean over k² values, each value in at most ⌈k/s⌉² windows", output), output);
            }
            case Maxout maxout:
            {
                RequireLastAxis(name, maxout.Describe(), input, maxout.Linear.InFeatures);
                var (bound, method, run) = MaxoutBound.Of(maxout, options);
                var output = WithLastAxis(input, maxout.Units);
                return (Row(bound, method, output, run), output);
            }
            case ReLU:
                return (Row(1, "element-wise, sup|φ′| = 1", input), input);
            case Tanh:
                return (Row(1, "element-wise, sup|tanh′| = tanh′(0) = 1", input), input);
            case Softplus:
                return (Row(1, "element-wise, softplus′ = sigmoid < 1", input), input);
            case Sigmoid:
                // sup σ′ = σ′(0) = σ(0)(1 − σ(0)) = 1/4
                return (Row(0.25, "element-wise, sup σ′ = σ′(0) = 1/4", input), input);
            case Flatten flatten:
            {
                var output = FlattenOutput(name, input, flatten.StartDim);
                return (Row(1, "a reshape: an isometry", output), output);
            }
            case Dropout:
                return (Row(1, "the identity in evaluation mode (bounds are for the model in evaluation)", input), input);
            case Rbf rbf:
                RequireLastAxis(name, rbf.Describe(), input, rbf.InFeatures);
                var scores = WithLastAxis(input, rbf.Units);
                return (Row(double.PositiveInfinity, "none: the scores −Σβ(x − μ)² are quadratic in x, with no global Lipschitz constant (a bound on a bounded input box is not covered)", scores), scores);
            default:
                throw new NotSupportedException($"lipschitz: layer '{name}' is a {kind} ({layer.Describe()}), which has no bound here; supported: {Supported}");
        }
    }

    private static Shape PerExample(Shape batched) => new(batched.AsSpan()[1..]);

    private static Shape WithLastAxis(Shape shape, int size)
    {
        var dims = shape.ToArray();
        dims[^1] = size;
        return new Shape(dims);
    }

    private static void RequireLastAxis(string name, string layer, Shape input, int size)
    {
        if (input.Rank < 2 || input[-1] != size)
        {
            throw new ArgumentException($"lipschitz: layer '{name}' {layer} gets examples of shape {PerExample(input)}; their last axis must be {size}", "inputShape");
        }
    }

    private static (int Channels, int Height, int Width) RequireImage(string name, string layer, Shape input, int channels)
    {
        if (input.Rank != 4 || (channels > 0 && input[1] != channels))
        {
            var expected = channels > 0 ? $"[{channels}, H, W]" : "[C, H, W]";
            throw new ArgumentException($"lipschitz: layer '{name}' {layer} gets examples of shape {PerExample(input)}; expected {expected}", "inputShape");
        }
        return (input[1], input[2], input[3]);
    }

    // ⌊(n + 2p − k) / s⌋ + 1 outputs along an axis of n inputs.
    private static int Window(string name, string layer, int size, int kernel, int stride, int padding)
    {
        if (size + 2 * padding < kernel)
        {
            throw new ArgumentException($"lipschitz: layer '{name}' {layer} has a {kernel}-wide window but its padded input is only {size + 2 * padding} wide", "inputShape");
        }
        return (size + 2 * padding - kernel) / stride + 1;
    }

    private static Shape PoolOutput(string name, string layer, Shape input, int kernel, int stride, int padding)
    {
        var (channels, height, width) = RequireImage(name, layer, input, 0);
        return new Shape(1, channels, Window(name, layer, height, kernel, stride, padding), Window(name, layer, width, kernel, stride, padding));
    }

    private static Shape FlattenOutput(string name, Shape input, int startDim)
    {
        var start = startDim < 0 ? startDim + input.Rank : startDim;
        if (start < 1 || start >= input.Rank)
        {
            throw new NotSupportedException($"lipschitz: layer '{name}' flattens from axis {startDim} of a batch of shape {input}; only axes 1 … {input.Rank - 1} keep the examples apart");
        }
        var dims = input.ToArray();
        var merged = dims[start..].Aggregate(1, (a, b) => checked(a * b));
        return new Shape([.. dims[..start], merged]);
    }
}
