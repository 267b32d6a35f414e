namespace Scratch.Attacks.Tests.Lipschitz;

public class ConvolutionSpectrumTests
{
    private static readonly PowerIterationOptions Tight = new() { Tolerance = 1e-13, MaxIterations = 200_000 };

    private static Tensor Weight(double[] values, params int[] shape) => Tensor.FromArray(values, shape);

    private static Tensor RandomWeight(int outs, int ins, int k, ulong seed) =>
        Weight(LipschitzTestData.Gaussian(outs * ins * k * k, seed), outs, ins, k, k);

    [Fact]
    public void Circular_OneByOneKernel_IsTheChannelMatrixNorm()
    {
        // A 1×1 convolution applies the [out × in] matrix M at every pixel: its norm is ‖M‖₂, at every frequency.
        var u = LipschitzTestData.Gaussian(4, 31);
        var v = LipschitzTestData.Gaussian(3, 32);
        var m = LipschitzTestData.Multiply(u, v, 4, 1, 3);
        var result = ConvolutionSpectrum.Circular(Weight(m, 4, 3, 1, 1), 5, 7);
        Assert.Equal(LipschitzTestData.Norm(u) * LipschitzTestData.Norm(v), result.Norm, 1e-12);
        Assert.Equal((5, 7), (result.GridHeight, result.GridWidth));
    }

    [Fact]
    public void Circular_DeltaKernel_IsOne()
    {
        // A single tap of 1 is a circular shift: unitary, so every |K̂(ω)| = 1.
        var k = new double[9];
        k[5] = 1;
        Assert.Equal(1, ConvolutionSpectrum.Circular(Weight(k, 1, 1, 3, 3), 6, 6).Norm, 1e-14);
    }

    [Fact]
    public void Circular_ConstantKernel_IsTheSumOfAbsoluteValuesAtFrequencyZero()
    {
        // K̂(0) = Σ k = Σ |k| for a non-negative kernel, and |K̂(ω)| ≤ Σ |k| everywhere.
        var result = ConvolutionSpectrum.Circular(Weight(Enumerable.Repeat(0.5, 9).ToArray(), 1, 1, 3, 3), 7, 7);
        Assert.Equal(4.5, result.Norm, 1e-13);
        Assert.Equal((0, 0), result.PeakFrequency);
    }

    [Fact]
    public void Circular_CheckerboardKernel_PeaksAtTheNyquistFrequency()
    {
        // k[a,b] = (−1)^(a+b)·|c_ab|: at ω = (N/2, N/2) every term is e^{−iπ(a+b)}·k[a,b] = |c_ab|, so |K̂| = Σ |k| there.
        var magnitudes = LipschitzTestData.Gaussian(9, 33).Select(Math.Abs).ToArray();
        var k = magnitudes.Select((c, i) => (i / 3 + i % 3) % 2 == 0 ? c : -c).ToArray();
        var result = ConvolutionSpectrum.Circular(Weight(k, 1, 1, 3, 3), 8, 8);
        Assert.Equal(magnitudes.Sum(), result.Norm, 1e-13);
        Assert.Equal((4, 4), result.PeakFrequency);
    }

    [Theory]
    [InlineData(5, 6, 3)]
    [InlineData(4, 4, 3)]
    [InlineData(7, 5, 1)]
    [InlineData(2, 3, 3)]
    public void Circular_EqualsPowerIterationOnTheCircularOperator(int gridHeight, int gridWidth, int k)
    {
        // Sedghi, Gupta & Long 2019, Theorem 6: ‖circular conv‖₂ = max_ω σ_max(K̂(ω)), exactly (also when taps wrap, k > N).
        var weight = RandomWeight(3, 2, k, 34);
        var conv = new CircularConvolution(weight, gridHeight, gridWidth);
        var operatorNorm = PowerIteration.Run(conv.Apply, conv.ApplyTranspose, conv.InputSize, Tight);
        Assert.True(operatorNorm.Converged);
        var dft = ConvolutionSpectrum.Circular(weight, gridHeight, gridWidth);
        Assert.Equal(operatorNorm.Norm, dft.Norm, 1e-9 * dft.Norm);
    }

    [Theory]
    [InlineData(6, 6, 0, 1)]
    [InlineData(6, 6, 1, 1)]
    [InlineData(5, 7, 2, 1)]
    [InlineData(7, 7, 1, 2)]
    [InlineData(8, 6, 0, 3)]
    public void ZeroPadded_BoundsTheLayerNormFromPowerIteration(int height, int width, int padding, int stride)
    {
        var weight = RandomWeight(4, 3, 3, 35);
        var layer = ConvolutionOperator.Norm(weight, height, width, stride, padding, Tight);
        Assert.True(layer.Converged);
        var bound = ConvolutionSpectrum.ZeroPadded(weight, height, width, padding);
        Assert.Equal((height + 2 * padding, width + 2 * padding), (bound.GridHeight, bound.GridWidth));
        Assert.True(layer.Norm <= bound.Norm * (1 + 1e-12), $"layer {layer.Norm} > DFT bound {bound.Norm}");
        if (stride > 1)
        {
            // Subsampling is contractive: the strided layer is at most the stride-1 layer.
            Assert.True(layer.Norm <= ConvolutionOperator.Norm(weight, height, width, 1, padding, Tight).Norm * (1 + 1e-12));
        }
    }

    [Fact]
    public void ZeroPadded_ConstantKernel_IsStrictlyAboveTheLayerNorm()
    {
        // With padding 1 on n×n, the all-ones 3×3 layer is T ⊗ T, T the n×n tridiagonal matrix of ones, whose
        // eigenvalues are 1 + 2cos(jπ/(n + 1)): the layer's norm is (1 + 2cos(π/(n + 1)))², short of the bound Σ|k| = 9
        // because zero padding drops the wrapped taps at the border.
        var weight = Weight(Enumerable.Repeat(1.0, 9).ToArray(), 1, 1, 3, 3);
        var bound = ConvolutionSpectrum.ZeroPadded(weight, 4, 4, 1).Norm;
        var layer = ConvolutionOperator.Norm(weight, 4, 4, 1, 1, Tight).Norm;
        Assert.Equal(9, bound, 1e-13);
        Assert.Equal(Math.Pow(1 + 2 * Math.Cos(Math.PI / 5), 2), layer, 1e-10);
    }

    [Fact]
    public void Circular_SameWeights_SameBits()
    {
        var weight = RandomWeight(5, 4, 3, 36);
        var a = ConvolutionSpectrum.Circular(weight, 9, 9);
        var b = ConvolutionSpectrum.Circular(weight.To(DType.Float64), 9, 9);
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.Norm), BitConverter.DoubleToInt64Bits(b.Norm));
        Assert.Equal(a.PeakFrequency, b.PeakFrequency);
    }

    [Fact]
    public void Circular_NaNWeight_ThrowsNamingTheElement()
    {
        var k = new double[18];
        k[13] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => ConvolutionSpectrum.Circular(Weight(k, 2, 1, 3, 3), 4, 4));
        Assert.Equal("weight", e.ParamName);
        Assert.Contains("NaN at flat index 13", e.Message);
    }

    [Fact]
    public void Circular_BadShapeOrGrid_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => ConvolutionSpectrum.Circular(Weight([1.0, 2, 3, 4], 2, 2), 4, 4));
        Assert.Contains("expected [out, in, kh, kw]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvolutionSpectrum.Circular(Weight([1.0], 1, 1, 1, 1), 0, 4));
        var empty = Assert.Throws<ArgumentException>(() => ConvolutionSpectrum.Circular(Tensor.Zeros([0, 1, 3, 3], DType.Float64), 4, 4));
        Assert.Contains("is empty", empty.Message);
    }

    [Fact]
    public void ZeroPadded_KernelLargerThanThePaddedInput_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => ConvolutionSpectrum.ZeroPadded(RandomWeight(1, 1, 5, 37), 3, 3, 0));
        Assert.Contains("kernel 5×5 is larger than the padded input 3×3", e.Message);
    }
}
