using System.Numerics;
using Scratch.Backends.Cpu;

namespace Scratch.Backends.Reference;

/// <summary>
/// Ground-truth NCHW max and average pooling for tests, written as PyTorch defines them (floor mode):
/// window (i, j) covers input rows i·sh − ph … i·sh − ph + KH − 1 and columns j·sw − pw … j·sw − pw + KW − 1.
/// Max ignores padded positions, keeps the first maximum on ties and follows PyTorch's NaN rule
/// (<c>v &gt; max || isnan(v)</c>); average uses count_include_pad = true (divisor KH·KW).
/// Both backward functions accumulate into gradInput. Average sums are accumulated in double.
/// </summary>
public static class ReferencePool2d
{
    /// <summary>Max pooling; argmax receives ih·W + iw of the chosen input in its plane.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="output">[Batch, C, OH, OW], overwritten.</param>
    /// <param name="argmax">[Batch, C, OH, OW], overwritten.</param>
    public static void MaxForward<T>(in Pool2dGeometry g, ReadOnlySpan<T> input, Span<T> output, Span<int> argmax)
        where T : IFloatingPointIeee754<T>
    {
        g.Validate();
        int oh = g.OutHeight, ow = g.OutWidth, o = 0;
        for (int plane = 0; plane < g.Batch * g.Channels; plane++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++, o++)
                {
                    T max = T.NegativeInfinity;
                    int best = -1;
                    for (int kh = 0; kh < g.KernelH; kh++)
                    {
                        for (int kw = 0; kw < g.KernelW; kw++)
                        {
                            int y = i * g.StrideH - g.PadH + kh, x = j * g.StrideW - g.PadW + kw;
                            if (y < 0 || y >= g.Height || x < 0 || x >= g.Width)
                            {
                                continue;
                            }

                            T v = input[plane * g.Height * g.Width + y * g.Width + x];
                            if (best < 0 || v > max || T.IsNaN(v))
                            {
                                max = v;
                                best = y * g.Width + x;
                            }
                        }
                    }

                    output[o] = max;
                    argmax[o] = best;
                }
            }
        }
    }

    /// <summary>gradInput[plane, argmax] += gradOutput.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="gradOutput">[Batch, C, OH, OW].</param>
    /// <param name="argmax">Indices from <see cref="MaxForward{T}"/>.</param>
    /// <param name="gradInput">[Batch, C, H, W], accumulated into.</param>
    public static void MaxBackward<T>(in Pool2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<int> argmax, Span<T> gradInput)
        where T : IFloatingPointIeee754<T>
    {
        g.Validate();
        int planeOut = g.OutHeight * g.OutWidth;
        for (int o = 0; o < gradOutput.Length; o++)
        {
            if (argmax[o] >= 0)
            {
                gradInput[o / planeOut * g.Height * g.Width + argmax[o]] += gradOutput[o];
            }
        }
    }

    /// <summary>Average pooling: output = Σ window / (KH·KW), padding counting as zeros.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="input">[Batch, C, H, W].</param>
    /// <param name="output">[Batch, C, OH, OW], overwritten.</param>
    public static void AvgForward<T>(in Pool2dGeometry g, ReadOnlySpan<T> input, Span<T> output) where T : IFloatingPointIeee754<T>
    {
        g.Validate();
        int oh = g.OutHeight, ow = g.OutWidth, o = 0;
        for (int plane = 0; plane < g.Batch * g.Channels; plane++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++, o++)
                {
                    double sum = 0;
                    for (int kh = 0; kh < g.KernelH; kh++)
                    {
                        for (int kw = 0; kw < g.KernelW; kw++)
                        {
                            int y = i * g.StrideH - g.PadH + kh, x = j * g.StrideW - g.PadW + kw;
                            if (y >= 0 && y < g.Height && x >= 0 && x < g.Width)
                            {
                                sum += double.CreateChecked(input[plane * g.Height * g.Width + y * g.Width + x]);
                            }
                        }
                    }

                    output[o] = T.CreateChecked(sum / (g.KernelH * g.KernelW));
                }
            }
        }
    }

    /// <summary>gradInput[window] += gradOutput / (KH·KW) for every window.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="g">The pooling geometry.</param>
    /// <param name="gradOutput">[Batch, C, OH, OW].</param>
    /// <param name="gradInput">[Batch, C, H, W], accumulated into.</param>
    public static void AvgBackward<T>(in Pool2dGeometry g, ReadOnlySpan<T> gradOutput, Span<T> gradInput) where T : IFloatingPointIeee754<T>
    {
        g.Validate();
        int oh = g.OutHeight, ow = g.OutWidth, o = 0;
        for (int plane = 0; plane < g.Batch * g.Channels; plane++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++, o++)
                {
                    T share = gradOutput[o] / T.CreateChecked(g.KernelH * g.KernelW);
                    for (int kh = 0; kh < g.KernelH; kh++)
                    {
                        for (int kw = 0; kw < g.KernelW; kw++)
                        {
                            int y = i * g.StrideH - g.PadH + kh, x = j * g.StrideW - g.PadW + kw;
                            if (y >= 0 && y < g.Height && x >= 0 && x < g.Width)
                            {
                                gradInput[plane * g.Height * g.Width + y * g.Width + x] += share;
                            }
                        }
                    }
                }
            }
        }
    }
}
