namespace Scratch.Backends.Cpu;

/// <summary>
/// NCHW 2-D convolution kernels on the CPU (cross-correlation, as in PyTorch's <c>conv2d</c>): forward and both
/// backward kernels, lowered to our packed GEMM through im2col; see <see cref="Conv2dEngine"/> for the formulas.
/// Layouts: input [Batch, C, H, W], weight [O, C, KH, KW], bias [O], output [Batch, O, OH, OW], all contiguous.
/// The geometry is validated and every span length checked against it before any work.
/// </summary>
public static class Conv2dKernels
{
    /// <summary>output = conv2d(input, weight) + bias, in float.</summary>
    /// <param name="g">The convolution geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="weight">[O, C, KH, KW].</param>
    /// <param name="bias">[O], or empty for no bias.</param>
    /// <param name="output">[Batch, O, OH, OW], overwritten.</param>
    /// <param name="options">GEMM threads and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> weight,
        ReadOnlySpan<float> bias, Span<float> output, GemmOptions? options = null) =>
        Conv2dEngine.Forward(g, input, weight, bias, output, options);

    /// <summary>gradInput = ∂⟨output, gradOutput⟩/∂input = col2im(Wᵀ · gradOutput), in float; overwrites gradInput.</summary>
    /// <param name="g">The convolution geometry.</param>
    /// <param name="gradOutput">[Batch, O, OH, OW].</param>
    /// <param name="weight">[O, C, KH, KW].</param>
    /// <param name="gradInput">[Batch, C, H, W], overwritten.</param>
    /// <param name="options">GEMM threads and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> weight,
        Span<float> gradInput, GemmOptions? options = null) =>
        Conv2dEngine.BackwardInput(g, gradOutput, weight, gradInput, options);

    /// <summary>
    /// gradWeight = Σ_b gradOutput_b · im2col(input_b)ᵀ and gradBias[o] = Σ gradOutput[·, o, ·, ·], in float;
    /// overwrites both.
    /// </summary>
    /// <param name="g">The convolution geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="gradOutput">[Batch, O, OH, OW].</param>
    /// <param name="gradWeight">[O, C, KH, KW], overwritten.</param>
    /// <param name="gradBias">[O], overwritten; or empty to skip the bias gradient.</param>
    /// <param name="options">GEMM threads and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput,
        Span<float> gradWeight, Span<float> gradBias, GemmOptions? options = null) =>
        Conv2dEngine.BackwardWeight(g, input, gradOutput, gradWeight, gradBias, options);

    /// <summary>output = conv2d(input, weight) + bias, in double.</summary>
    /// <param name="g">The convolution geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="weight">[O, C, KH, KW].</param>
    /// <param name="bias">[O], or empty for no bias.</param>
    /// <param name="output">[Batch, O, OH, OW], overwritten.</param>
    /// <param name="options">GEMM threads and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void Forward(in Conv2dGeometry g, ReadOnlySpan<double> input, ReadOnlySpan<double> weight,
        ReadOnlySpan<double> bias, Span<double> output, GemmOptions? options = null) =>
        Conv2dEngine.Forward(g, input, weight, bias, output, options);

    /// <summary>gradInput = ∂⟨output, gradOutput⟩/∂input = col2im(Wᵀ · gradOutput), in double; overwrites gradInput.</summary>
    /// <param name="g">The convolution geometry.</param>
    /// <param name="gradOutput">[Batch, O, OH, OW].</param>
    /// <param name="weight">[O, C, KH, KW].</param>
    /// <param name="gradInput">[Batch, C, H, W], overwritten.</param>
    /// <param name="options">GEMM threads and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void BackwardInput(in Conv2dGeometry g, ReadOnlySpan<double> gradOutput, ReadOnlySpan<double> weight,
        Span<double> gradInput, GemmOptions? options = null) =>
        Conv2dEngine.BackwardInput(g, gradOutput, weight, gradInput, options);

    /// <summary>
    /// gradWeight = Σ_b gradOutput_b · im2col(input_b)ᵀ and gradBias[o] = Σ gradOutput[·, o, ·, ·], in double;
    /// overwrites both.
    /// </summary>
    /// <param name="g">The convolution geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="gradOutput">[Batch, O, OH, OW].</param>
    /// <param name="gradWeight">[O, C, KH, KW], overwritten.</param>
    /// <param name="gradBias">[O], overwritten; or empty to skip the bias gradient.</param>
    /// <param name="options">GEMM threads and SIMD width; null for the defaults.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void BackwardWeight(in Conv2dGeometry g, ReadOnlySpan<double> input, ReadOnlySpan<double> gradOutput,
        Span<double> gradWeight, Span<double> gradBias, GemmOptions? options = null) =>
        Conv2dEngine.BackwardWeight(g, input, gradOutput, gradWeight, gradBias, options);
}
