namespace Scratch.Backends.Cpu;

/// <summary>
/// NCHW 2-D max and average pooling on the CPU with PyTorch's semantics (floor mode, no dilation); see
/// <see cref="Pool2dEngine"/> for the tie, NaN and padding rules. Average pooling uses count_include_pad = true
/// (PyTorch's default): every window is divided by KernelH·KernelW, padded positions counting as zeros.
/// Both backward kernels accumulate into gradInput (clear it first for a plain gradient).
/// </summary>
public static class Pool2dKernels
{
    /// <summary>Max pooling in float: output = max over each window; argmax = the flat index (ih·W + iw) of the chosen input in its plane.</summary>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="output">[Batch, C, OH, OW], overwritten.</param>
    /// <param name="argmax">[Batch, C, OH, OW], overwritten with indices into the input plane, or -1 for an empty window.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void MaxForward(in Pool2dGeometry g, ReadOnlySpan<float> input, Span<float> output, Span<int> argmax) =>
        Pool2dEngine.MaxForward(g, input, output, argmax);

    /// <summary>Max pooling backward in float: gradInput[plane, argmax] += gradOutput (accumulates).</summary>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="gradOutput">[Batch, C, OH, OW].</param>
    /// <param name="argmax">The indices written by <c>MaxForward</c>.</param>
    /// <param name="gradInput">[Batch, C, H, W], accumulated into.</param>
    /// <exception cref="ArgumentException">The geometry is invalid, a span length does not match it, or an argmax is out of range.</exception>
    public static void MaxBackward(in Pool2dGeometry g, ReadOnlySpan<float> gradOutput, ReadOnlySpan<int> argmax, Span<float> gradInput) =>
        Pool2dEngine.MaxBackward(g, gradOutput, argmax, gradInput);

    /// <summary>Average pooling in float with count_include_pad = true: output = Σ window / (KernelH·KernelW).</summary>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="output">[Batch, C, OH, OW], overwritten.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void AvgForward(in Pool2dGeometry g, ReadOnlySpan<float> input, Span<float> output) =>
        Pool2dEngine.AvgForward(g, input, output);

    /// <summary>Average pooling backward in float: each input in a window gets gradOutput / (KernelH·KernelW) (accumulates).</summary>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="gradOutput">[Batch, C, OH, OW].</param>
    /// <param name="gradInput">[Batch, C, H, W], accumulated into.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void AvgBackward(in Pool2dGeometry g, ReadOnlySpan<float> gradOutput, Span<float> gradInput) =>
        Pool2dEngine.AvgBackward(g, gradOutput, gradInput);

    /// <summary>Max pooling in double: output = max over each window; argmax = the flat index (ih·W + iw) of the chosen input in its plane.</summary>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="output">[Batch, C, OH, OW], overwritten.</param>
    /// <param name="argmax">[Batch, C, OH, OW], overwritten with indices into the input plane, or -1 for an empty window.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void MaxForward(in Pool2dGeometry g, ReadOnlySpan<double> input, Span<double> output, Span<int> argmax) =>
        Pool2dEngine.MaxForward(g, input, output, argmax);

    /// <summary>Max pooling backward in double: gradInput[plane, argmax] += gradOutput (accumulates).</summary>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="gradOutput">[Batch, C, OH, OW].</param>
    /// <param name="argmax">The indices written by <c>MaxForward</c>.</param>
    /// <param name="gradInput">[Batch, C, H, W], accumulated into.</param>
    /// <exception cref="ArgumentException">The geometry is invalid, a span length does not match it, or an argmax is out of range.</exception>
    public static void MaxBackward(in Pool2dGeometry g, ReadOnlySpan<double> gradOutput, ReadOnlySpan<int> argmax, Span<double> gradInput) =>
        Pool2dEngine.MaxBackward(g, gradOutput, argmax, gradInput);

    /// <summary>Average pooling in double with count_include_pad = true: output = Σ window / (KernelH·KernelW).</summary>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="output">[Batch, C, OH, OW], overwritten.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void AvgForward(in Pool2dGeometry g, ReadOnlySpan<double> input, Span<double> output) =>
        Pool2dEngine.AvgForward(g, input, output);

    /// <summary>Average pooling backward in double: each input in a window gets gradOutput / (KernelH·KernelW) (accumulates).</summary>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="gradOutput">[Batch, C, OH, OW].</param>
    /// <param name="gradInput">[Batch, C, H, W], accumulated into.</param>
    /// <exception cref="ArgumentException">The geometry is invalid or a span length does not match it.</exception>
    public static void AvgBackward(in Pool2dGeometry g, ReadOnlySpan<double> gradOutput, Span<double> gradInput) =>
        Pool2dEngine.AvgBackward(g, gradOutput, gradInput);
}
