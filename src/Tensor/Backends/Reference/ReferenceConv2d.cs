using System.Numerics;
using Scratch.Backends.Cpu;

namespace Scratch.Backends.Reference;

/// <summary>
/// Ground-truth NCHW convolution (cross-correlation) for tests and benchmarks, written as the definition:
/// y[b, o, i, j] = bias[o] + Σ_(c, kh, kw) x[b, c, i·sh − ph + kh, j·sw − pw + kw] · w[o, c, kh, kw],
/// with x = 0 outside the input. The backward kernels are the same sums read the other way round.
/// Every sum is accumulated in double and rounded once, so the float versions are more accurate than the fast ones.
/// </summary>
public static class ReferenceConv2d
{
    /// <summary>output = conv2d(input, weight) + bias (bias may be empty).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="g">The convolution geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="weight">[O, C, KH, KW].</param>
    /// <param name="bias">[O], or empty.</param>
    /// <param name="output">[Batch, O, OH, OW], overwritten.</param>
    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias,
        Span<T> output) where T : IFloatingPointIeee754<T>
    {
        g.Validate();
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int b = 0; b < g.Batch; b++)
        {
            for (int o = 0; o < g.OutChannels; o++)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        double sum = bias.IsEmpty ? 0 : double.CreateChecked(bias[o]);
                        for (int c = 0; c < g.InChannels; c++)
                        {
                            for (int kh = 0; kh < g.KernelHeight; kh++)
                            {
                                for (int kw = 0; kw < g.KernelWidth; kw++)
                                {
                                    if (TryInput(g, b, c, i, j, kh, kw, out int xi))
                                    {
                                        sum += double.CreateChecked(input[xi]) * double.CreateChecked(weight[WeightIndex(g, o, c, kh, kw)]);
                                    }
                                }
                            }
                        }

                        output[((b * g.OutChannels + o) * oh + i) * ow + j] = T.CreateChecked(sum);
                    }
                }
            }
        }
    }

    /// <summary>gradInput[b, c, y, x] = Σ over the outputs that read x[b, c, y, x] of gradOutput · w (overwrites).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="g">The convolution geometry.</param>
    /// <param name="gradOutput">[Batch, O, OH, OW].</param>
    /// <param name="weight">[O, C, KH, KW].</param>
    /// <param name="gradInput">[Batch, C, H, W], overwritten.</param>
    public static void BackwardInput<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput)
        where T : IFloatingPointIeee754<T>
    {
        g.Validate();
        int oh = g.OutHeight, ow = g.OutWidth;
        var sums = new double[gradInput.Length];
        for (int b = 0; b < g.Batch; b++)
        {
            for (int o = 0; o < g.OutChannels; o++)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        double dy = double.CreateChecked(gradOutput[((b * g.OutChannels + o) * oh + i) * ow + j]);
                        for (int c = 0; c < g.InChannels; c++)
                        {
                            for (int kh = 0; kh < g.KernelHeight; kh++)
                            {
                                for (int kw = 0; kw < g.KernelWidth; kw++)
                                {
                                    if (TryInput(g, b, c, i, j, kh, kw, out int xi))
                                    {
                                        sums[xi] += dy * double.CreateChecked(weight[WeightIndex(g, o, c, kh, kw)]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        for (int i = 0; i < sums.Length; i++)
        {
            gradInput[i] = T.CreateChecked(sums[i]);
        }
    }

    /// <summary>gradWeight[o, c, kh, kw] = Σ_(b, i, j) gradOutput[b, o, i, j] · x[b, c, …]; gradBias[o] = Σ gradOutput[·, o] (overwrite).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="g">The convolution geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="gradOutput">[Batch, O, OH, OW].</param>
    /// <param name="gradWeight">[O, C, KH, KW], overwritten.</param>
    /// <param name="gradBias">[O], overwritten; or empty.</param>
    public static void BackwardWeight<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput,
        Span<T> gradWeight, Span<T> gradBias) where T : IFloatingPointIeee754<T>
    {
        g.Validate();
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int o = 0; o < g.OutChannels; o++)
        {
            double biasSum = 0;
            for (int c = 0; c < g.InChannels; c++)
            {
                for (int kh = 0; kh < g.KernelHeight; kh++)
                {
                    for (int kw = 0; kw < g.KernelWidth; kw++)
                    {
                        double sum = 0;
                        for (int b = 0; b < g.Batch; b++)
                        {
                            for (int i = 0; i < oh; i++)
                            {
                                for (int j = 0; j < ow; j++)
                                {
                                    double dy = double.CreateChecked(gradOutput[((b * g.OutChannels + o) * oh + i) * ow + j]);
                                    if (c == 0 && kh == 0 && kw == 0)
                                    {
                                        biasSum += dy;
                                    }

                                    if (TryInput(g, b, c, i, j, kh, kw, out int xi))
                                    {
                                        sum += dy * double.CreateChecked(input[xi]);
                                    }
                                }
                            }
                        }

                        gradWeight[WeightIndex(g, o, c, kh, kw)] = T.CreateChecked(sum);
                    }
                }
            }

            if (!gradBias.IsEmpty)
            {
                gradBias[o] = T.CreateChecked(biasSum);
            }
        }
    }

    /// <summary>The flat index of x[b, c, i·sh − ph + kh, j·sw − pw + kw], or false when it lies in the padding.</summary>
    private static bool TryInput(in Conv2dGeometry g, int b, int c, int i, int j, int kh, int kw, out int index)
    {
        int y = i * g.StrideH - g.PadH + kh, x = j * g.StrideW - g.PadW + kw;
        bool inside = y >= 0 && y < g.Height && x >= 0 && x < g.Width;
        index = inside ? ((b * g.InChannels + c) * g.Height + y) * g.Width + x : -1;
        return inside;
    }

    private static int WeightIndex(in Conv2dGeometry g, int o, int c, int kh, int kw) =>
        ((o * g.InChannels + c) * g.KernelHeight + kh) * g.KernelWidth + kw;
}
