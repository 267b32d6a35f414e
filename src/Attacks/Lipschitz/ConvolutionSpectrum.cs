namespace Scratch.Attacks;

// Problem: the Lipschitz bound of a 2-D convolution layer with weights W of shape [out, in, kh, kw]
// (cross-correlation, as Scratch.Nn.Conv2d computes it) on inputs of in × H × W values [1, §4.3].
// Approach: on an N_h × N_w grid with circular (wrap-around) indexing, the convolution
//   y_o(p) = Σ_c Σ_{a,b} W[o,c,a,b] · x_c((p + (a, b)) mod (N_h, N_w))
// is diagonalised by the 2-D DFT: ŷ(ω) = K̂(ω) x̂(ω), with the [out × in] matrix
//   K̂(ω)_oc = Σ_{a,b} W[o,c,a,b] · e^{−2πi(ua/N_h + vb/N_w)},  ω = (u, v)
// (up to a conjugation, which changes no singular value), so its exact norm is max_ω σ_max(K̂(ω))
// [2, Theorem 6]. We evaluate that on every frequency: K̂ separably (first along the rows of the kernel,
// then along its columns) and σ_max through ComplexSpectralNorm.cs. For real W, K̂(−ω) = conj(K̂(ω)) has
// the same singular values, so the columns v = 0 … ⌊N_w/2⌋ cover every frequency.
// What is bounded (ZeroPadded): the layer with zero padding p and stride 1 on an H × W input equals
// P ∘ C ∘ E, where E embeds the input into an N_h × N_w = (H + 2p) × (W + 2p) grid at offset (p, p)
// (an isometry), C is the circular convolution on that grid, and P keeps the outputs that do not wrap
// around (those with p + (a, b) inside the padded image; a coordinate projection). Hence
// ‖layer‖ ≤ ‖C‖ = max_ω σ_max(K̂(ω)) on the (H + 2p) × (W + 2p) grid: an upper bound for zero padding
// (tight up to border effects, exact for circular padding). A stride s > 1 keeps every s-th output of
// the stride-1 layer, one more coordinate projection, so the stride-1 bound still holds. The grid is the
// layer's padded input size (28 × 28 for a first layer on MNIST, the pooled size deeper in): the bound
// holds for that input size; it is at most the supremum over the continuous frequency torus that
// Szegedy et al. [1] state, which bounds every input size.
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3 and Table 5.
//   [2] Sedghi, Gupta & Long 2019, "The singular values of convolutional layers", ICLR.

/// <summary>
/// The paper's bound on a convolution layer: the largest singular value, over the frequencies of a DFT grid, of the
/// [out × in] matrix of the kernels' 2-D DFTs. Exact for circular convolution on that grid; an upper bound for zero
/// padding and any stride on an input whose padded size is the grid.
/// </summary>
public static class ConvolutionSpectrum
{
    /// <summary>The exact norm of the circular convolution by <paramref name="weight"/> [out, in, kh, kw] on a <paramref name="gridHeight"/> × <paramref name="gridWidth"/> grid (taps beyond the grid wrap around).</summary>
    /// <exception cref="ArgumentException">The weight is not of rank 4, is empty or not finite, or a grid side is not positive.</exception>
    public static ConvolutionSpectrumResult Circular(Tensor weight, int gridHeight, int gridWidth)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gridWidth);
        if (weight.Rank != 4)
        {
            throw new ArgumentException($"convolution spectrum: weight of shape {weight.Shape}; expected [out, in, kh, kw]", nameof(weight));
        }
        var w = WeightValues.Read(weight, nameof(weight), nameof(weight));
        return Compute(w, weight.Shape, gridHeight, gridWidth);
    }

    /// <summary>
    /// An upper bound on the norm of the zero-padded convolution (any stride) by <paramref name="weight"/> on an
    /// in × <paramref name="height"/> × <paramref name="width"/> input: the circular norm on the padded grid (H + 2p) × (W + 2p).
    /// </summary>
    /// <exception cref="ArgumentException">The weight is invalid, a size is not positive, the padding is negative, or the kernel is larger than the padded input.</exception>
    public static ConvolutionSpectrumResult ZeroPadded(Tensor weight, int height, int width, int padding)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var gridHeight = checked(height + 2 * padding);
        var gridWidth = checked(width + 2 * padding);
        if (weight.Rank == 4 && (weight.Shape[2] > gridHeight || weight.Shape[3] > gridWidth))
        {
            throw new ArgumentException(
                $"convolution spectrum: kernel {weight.Shape[2]}×{weight.Shape[3]} is larger than the padded input {gridHeight}×{gridWidth}", nameof(weight));
        }
        return Circular(weight, gridHeight, gridWidth);
    }

    /// <summary>The circular norm from weights already read and checked (row-major [out, in, kh, kw], finite, non-empty).</summary>
    internal static ConvolutionSpectrumResult Compute(double[] w, Shape shape, int gridHeight, int gridWidth)
    {
        var (outs, ins, kh, kw) = (shape[0], shape[1], shape[2], shape[3]);
        var pairs = outs * ins;
        var (cosH, sinH) = Twiddles(gridHeight, kh);
        var (cosW, sinW) = Twiddles(gridWidth, kw);
        var rowRe = new double[pairs * kw];
        var rowIm = new double[pairs * kw];
        var kRe = new double[pairs];
        var kIm = new double[pairs];
        var best = new ConvolutionSpectrumResult(-1, (0, 0), gridHeight, gridWidth);
        for (var u = 0; u < gridHeight; u++)
        {
            // P_oc(u, b) = Σ_a W[o,c,a,b]·e^{−2πi·ua/N_h}
            Array.Clear(rowRe);
            Array.Clear(rowIm);
            for (var oc = 0; oc < pairs; oc++)
            {
                for (var a = 0; a < kh; a++)
                {
                    var (cos, sin) = (cosH[u * kh + a], sinH[u * kh + a]);
                    for (var b = 0; b < kw; b++)
                    {
                        var x = w[(oc * kh + a) * kw + b];
                        rowRe[oc * kw + b] += x * cos;
                        rowIm[oc * kw + b] -= x * sin;
                    }
                }
            }
            for (var v = 0; v <= gridWidth / 2; v++)
            {
                for (var oc = 0; oc < pairs; oc++)
                {
                    double re = 0, im = 0;
                    for (var b = 0; b < kw; b++)
                    {
                        var (cos, sin) = (cosW[v * kw + b], sinW[v * kw + b]);
                        var (pr, pi) = (rowRe[oc * kw + b], rowIm[oc * kw + b]);
                        // K̂_oc(u, v) = Σ_b P_oc(u, b)·e^{−2πi·vb/N_w} = Σ_b (pr + i·pi)(cos − i·sin)
                        re += pr * cos + pi * sin;
                        im += pi * cos - pr * sin;
                    }
                    kRe[oc] = re;
                    kIm[oc] = im;
                }
                // ‖circular convolution‖ = max_ω σ_max(K̂(ω))  [2, Theorem 6]
                var sigma = ComplexSpectralNorm.Largest(kRe, kIm, outs, ins);
                if (sigma > best.Norm)
                {
                    best = best with { Norm = sigma, PeakFrequency = (u, v) };
                }
            }
        }
        return best;
    }

    // cos and sin of 2π·(f·t mod N)/N for f < N and t < taps; the integer reduction keeps the angle exact.
    private static (double[] Cos, double[] Sin) Twiddles(int n, int taps)
    {
        var cos = new double[n * taps];
        var sin = new double[n * taps];
        for (var f = 0; f < n; f++)
        {
            for (var t = 0; t < taps; t++)
            {
                // angle = 2π·(f·t mod N)/N, the phase of e^{−2πi·ft/N} up to its sign
                var angle = 2 * Math.PI * ((long)f * t % n) / n;
                cos[f * taps + t] = Math.Cos(angle);
                sin[f * taps + t] = Math.Sin(angle);
            }
        }
        return (cos, sin);
    }
}
