using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The element-type-generic pooling behind <see cref="Pool2dKernels"/>: a direct loop over each output window,
/// parallel over the Batch·C planes (one contiguous range per core) when there is enough work; 2×2 max pooling with
/// stride 2 and no padding takes the fast path of <see cref="MaxPool2x2"/>. Window (oy, ox) covers input rows
/// [oy·sh − ph, oy·sh − ph + KH) and columns [ox·sw − pw, ox·sw − pw + KW), clipped to the input.
/// Max: ties keep the first maximum in row-major order; NaN propagates with PyTorch's rule
/// <c>if (v &gt; max || isnan(v))</c>, so a window with NaN yields NaN and the argmax of its last NaN.
/// Average: count_include_pad = true (PyTorch's default), i.e. the divisor is always KH·KW, padding counting as zeros.
/// </summary>
internal static unsafe class Pool2dEngine
{
    /// <summary>Below this many output elements the planes are processed on the calling thread.</summary>
    private const long ParallelThreshold = 1 << 15;

    private delegate void PlaneRange(int firstPlane, int lastPlane);

    public static void MaxForward<T>(in Pool2dGeometry g, ReadOnlySpan<T> input, Span<T> output, Span<int> argmax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(g, input.Length, nameof(input), output.Length, nameof(output));
        CheckLength(argmax.Length, g.OutputLength, nameof(argmax), "Batch·C·OH·OW");
        var geometry = g;
        int oh = g.OutHeight, ow = g.OutWidth, hw = g.Height * g.Width;
        fixed (T* px = input, py = output)
        fixed (int* pi = argmax)
        {
            T* x = px, y = py;
            int* idx = pi;
            if (MaxPool2x2.Applies(geometry))
            {
                ForEachPlane(geometry, (first, last) => MaxPool2x2.Forward(geometry, x, y, idx, first, last));
                return;
            }

            ForEachPlane(geometry, (first, last) =>
            {
                for (int plane = first; plane < last; plane++)
                {
                    T* xp = x + (long)plane * hw;
                    long o = (long)plane * oh * ow;
                    for (int oy = 0; oy < oh; oy++)
                    {
                        var (h0, h1) = Window(oy, geometry.StrideH, geometry.PadH, geometry.KernelH, geometry.Height);
                        for (int ox = 0; ox < ow; ox++, o++)
                        {
                            var (w0, w1) = Window(ox, geometry.StrideW, geometry.PadW, geometry.KernelW, geometry.Width);
                            int best = h0 < h1 && w0 < w1 ? h0 * geometry.Width + w0 : -1;
                            T max = T.NegativeInfinity;
                            for (int ih = h0; ih < h1; ih++)
                            {
                                for (int iw = w0; iw < w1; iw++)
                                {
                                    T v = xp[ih * geometry.Width + iw];
                                    if (v > max || T.IsNaN(v))
                                    {
                                        max = v;
                                        best = ih * geometry.Width + iw;
                                    }
                                }
                            }

                            y[o] = max;
                            idx[o] = best;
                        }
                    }
                }
            });
        }
    }

    /// <summary>
    /// gradInput[plane, argmax] += gradOutput; with <paramref name="clearFirst"/> each plane of gradInput is cleared just
    /// before its gradients are added (one pass while the plane is in cache, on the thread that fills it), so that the caller
    /// need not clear the whole array first. The sums are the same either way: 0 + g.
    /// </summary>
    public static void MaxBackward<T>(in Pool2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<int> argmax, Span<T> gradInput,
        bool clearFirst = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(g, gradInput.Length, nameof(gradInput), gradOutput.Length, nameof(gradOutput));
        CheckLength(argmax.Length, g.OutputLength, nameof(argmax), "Batch·C·OH·OW");
        int hw = g.Height * g.Width, planeOut = g.OutHeight * g.OutWidth;
        if (!argmax.IsEmpty && (TensorPrimitives.Min(argmax) < -1 || TensorPrimitives.Max(argmax) >= hw))
        {
            int i = argmax.IndexOfAnyExceptInRange(-1, hw - 1);
            throw new ArgumentException(
                $"argmax[{i}] = {argmax[i]} is not -1 or an index into an H·W = {hw} input plane.", nameof(argmax));
        }

        fixed (T* pdy = gradOutput, pdx = gradInput)
        fixed (int* pi = argmax)
        {
            T* dy = pdy, dx = pdx;
            int* idx = pi;
            ForEachPlane(g, (first, last) =>
            {
                // ∂max/∂x is 1 at the argmax and 0 elsewhere: route each output gradient to its argmax.
                for (int plane = first; plane < last; plane++)
                {
                    T* dxp = dx + (long)plane * hw;
                    if (clearFirst)
                    {
                        new Span<T>(dxp, hw).Clear();
                    }

                    for (long o = (long)plane * planeOut, end = o + planeOut; o < end; o++)
                    {
                        if (idx[o] >= 0)
                        {
                            dxp[idx[o]] += dy[o];
                        }
                    }
                }
            });
        }
    }

    public static void AvgForward<T>(in Pool2dGeometry g, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(g, input.Length, nameof(input), output.Length, nameof(output));
        var geometry = g;
        int oh = g.OutHeight, ow = g.OutWidth, hw = g.Height * g.Width;
        T divisor = T.CreateChecked(g.KernelH * g.KernelW);
        fixed (T* px = input, py = output)
        {
            T* x = px, y = py;
            ForEachPlane(geometry, (first, last) =>
            {
                for (int plane = first; plane < last; plane++)
                {
                    T* xp = x + (long)plane * hw;
                    long o = (long)plane * oh * ow;
                    for (int oy = 0; oy < oh; oy++)
                    {
                        var (h0, h1) = Window(oy, geometry.StrideH, geometry.PadH, geometry.KernelH, geometry.Height);
                        for (int ox = 0; ox < ow; ox++, o++)
                        {
                            var (w0, w1) = Window(ox, geometry.StrideW, geometry.PadW, geometry.KernelW, geometry.Width);
                            T sum = T.Zero;
                            for (int ih = h0; ih < h1; ih++)
                            {
                                for (int iw = w0; iw < w1; iw++)
                                {
                                    sum += xp[ih * geometry.Width + iw];
                                }
                            }

                            y[o] = sum / divisor;
                        }
                    }
                }
            });
        }
    }

    /// <summary>
    /// Each input in a window gets gradOutput / (KH·KW) added; <paramref name="clearFirst"/> as in <see cref="MaxBackward{T}"/>.
    /// </summary>
    public static void AvgBackward<T>(in Pool2dGeometry g, ReadOnlySpan<T> gradOutput, Span<T> gradInput, bool clearFirst = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(g, gradInput.Length, nameof(gradInput), gradOutput.Length, nameof(gradOutput));
        var geometry = g;
        int oh = g.OutHeight, ow = g.OutWidth, hw = g.Height * g.Width;
        T divisor = T.CreateChecked(g.KernelH * g.KernelW);
        fixed (T* pdy = gradOutput, pdx = gradInput)
        {
            T* dy = pdy, dx = pdx;
            ForEachPlane(geometry, (first, last) =>
            {
                for (int plane = first; plane < last; plane++)
                {
                    // ∂avg/∂x = 1/(KH·KW) for every input in the window.
                    T* dxp = dx + (long)plane * hw;
                    if (clearFirst)
                    {
                        new Span<T>(dxp, hw).Clear();
                    }

                    long o = (long)plane * oh * ow;
                    for (int oy = 0; oy < oh; oy++)
                    {
                        var (h0, h1) = Window(oy, geometry.StrideH, geometry.PadH, geometry.KernelH, geometry.Height);
                        for (int ox = 0; ox < ow; ox++, o++)
                        {
                            var (w0, w1) = Window(ox, geometry.StrideW, geometry.PadW, geometry.KernelW, geometry.Width);
                            T share = dy[o] / divisor;
                            for (int ih = h0; ih < h1; ih++)
                            {
                                for (int iw = w0; iw < w1; iw++)
                                {
                                    dxp[ih * geometry.Width + iw] += share;
                                }
                            }
                        }
                    }
                }
            });
        }
    }

    /// <summary>The window [start, end) of output position <paramref name="o"/> along one axis, clipped to [0, size).</summary>
    private static (int Start, int End) Window(int o, int stride, int pad, int kernel, int size)
    {
        int start = o * stride - pad;
        return (Math.Max(start, 0), Math.Min(start + kernel, size));
    }

    /// <summary>Runs <paramref name="body"/> over all Batch·C planes: one contiguous range per core when there is enough work.</summary>
    private static void ForEachPlane(in Pool2dGeometry g, PlaneRange body)
    {
        int planes = g.Batch * g.Channels, chunks = Math.Min(Environment.ProcessorCount, planes);
        if (g.OutputLength < ParallelThreshold || chunks <= 1)
        {
            body(0, planes);
            return;
        }

        CpuParallel.Run(chunks, chunks, c => body((int)((long)planes * c / chunks), (int)((long)planes * (c + 1) / chunks)));
    }

    private static void Check(in Pool2dGeometry g, int inputLength, string inputName, int outputLength, string outputName)
    {
        g.Validate();
        CheckLength(inputLength, g.InputLength, inputName, "Batch·C·H·W");
        CheckLength(outputLength, g.OutputLength, outputName, "Batch·C·OH·OW");
    }

    private static void CheckLength(int actual, long expected, string name, string formula)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} elements, but the geometry needs {formula} = {expected}.", name);
        }
    }
}
