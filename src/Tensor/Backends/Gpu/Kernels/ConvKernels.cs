using ILGPU;
using Scratch.Backends.Cpu;

namespace Scratch.Backends.Gpu.Kernels;

/// <summary>
/// Direct NCHW convolution and pooling kernels over contiguous operands, one thread per element of
/// the result. The backward kernels are written as gathers (each thread sums what flows into its own
/// element), so they need no atomics and are deterministic.
/// y[b, o, i, j] = bias[o] + Σ_(c, kh, kw) x[b, c, i·sh − ph + kh, j·sw − pw + kw] · w[o, c, kh, kw].
/// </summary>
internal static class ConvKernels
{
    /// <summary>One output element of the forward convolution.</summary>
    public static void Forward<T, TN>(Index1D index, ArrayView<T> x, ArrayView<T> w, ArrayView<T> bias, int hasBias, Conv2dGeometry g, ArrayView<T> y)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        int j = index % ow, i = index / ow % oh, o = index / (ow * oh) % g.OutChannels, b = index / (ow * oh * g.OutChannels);
        var sum = hasBias != 0 ? bias[o] : TN.Zero;
        for (var c = 0; c < g.InChannels; c++)
        {
            for (var kh = 0; kh < g.KernelHeight; kh++)
            {
                var yy = i * g.StrideH - g.PadH + kh;
                if (yy < 0 || yy >= g.Height) continue;
                for (var kw = 0; kw < g.KernelWidth; kw++)
                {
                    var xx = j * g.StrideW - g.PadW + kw;
                    if (xx < 0 || xx >= g.Width) continue;
                    var xv = x[((b * g.InChannels + c) * g.Height + yy) * g.Width + xx];
                    var wv = w[((o * g.InChannels + c) * g.KernelHeight + kh) * g.KernelWidth + kw];
                    sum = TN.Add(sum, TN.Mul(xv, wv));
                }
            }
        }
        y[index] = sum;
    }

    /// <summary>gx[b, c, yy, xx] = Σ over the outputs (o, i, j) that read it of gy · w.</summary>
    public static void BackwardInput<T, TN>(Index1D index, ArrayView<T> gy, ArrayView<T> w, Conv2dGeometry g, ArrayView<T> gx)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        int xx = index % g.Width, yy = index / g.Width % g.Height, c = index / (g.Width * g.Height) % g.InChannels;
        var b = index / (g.Width * g.Height * g.InChannels);
        var sum = TN.Zero;
        for (var kh = 0; kh < g.KernelHeight; kh++)
        {
            var ti = yy + g.PadH - kh;
            if (ti < 0 || ti % g.StrideH != 0 || ti / g.StrideH >= oh) continue;
            var i = ti / g.StrideH;
            for (var kw = 0; kw < g.KernelWidth; kw++)
            {
                var tj = xx + g.PadW - kw;
                if (tj < 0 || tj % g.StrideW != 0 || tj / g.StrideW >= ow) continue;
                var j = tj / g.StrideW;
                for (var o = 0; o < g.OutChannels; o++)
                {
                    var dy = gy[((b * g.OutChannels + o) * oh + i) * ow + j];
                    sum = TN.Add(sum, TN.Mul(dy, w[((o * g.InChannels + c) * g.KernelHeight + kh) * g.KernelWidth + kw]));
                }
            }
        }
        gx[index] = sum;
    }

    /// <summary>gw[o, c, kh, kw] = Σ_(b, i, j) gy[b, o, i, j] · x[b, c, i·sh − ph + kh, j·sw − pw + kw].</summary>
    public static void BackwardWeight<T, TN>(Index1D index, ArrayView<T> x, ArrayView<T> gy, Conv2dGeometry g, ArrayView<T> gw)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        int kw = index % g.KernelWidth, kh = index / g.KernelWidth % g.KernelHeight, c = index / (g.KernelWidth * g.KernelHeight) % g.InChannels;
        var o = index / (g.KernelWidth * g.KernelHeight * g.InChannels);
        var sum = TN.Zero;
        for (var b = 0; b < g.Batch; b++)
        {
            for (var i = 0; i < oh; i++)
            {
                var yy = i * g.StrideH - g.PadH + kh;
                if (yy < 0 || yy >= g.Height) continue;
                for (var j = 0; j < ow; j++)
                {
                    var xx = j * g.StrideW - g.PadW + kw;
                    if (xx < 0 || xx >= g.Width) continue;
                    var dy = gy[((b * g.OutChannels + o) * oh + i) * ow + j];
                    sum = TN.Add(sum, TN.Mul(dy, x[((b * g.InChannels + c) * g.Height + yy) * g.Width + xx]));
                }
            }
        }
        gw[index] = sum;
    }

    /// <summary>Max pooling of one window; a NaN wins (the last one, as in the reference), padding is skipped.</summary>
    public static void MaxPool<T, TN>(Index1D index, ArrayView<T> x, Pool2dGeometry g, ArrayView<T> y, ArrayView<int> argmax)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        int j = index % ow, i = index / ow % oh, plane = index / (ow * oh);
        var max = TN.NegativeInfinity;
        var best = -1;
        for (var kh = 0; kh < g.KernelH; kh++)
        {
            var yy = i * g.StrideH - g.PadH + kh;
            if (yy < 0 || yy >= g.Height) continue;
            for (var kw = 0; kw < g.KernelW; kw++)
            {
                var xx = j * g.StrideW - g.PadW + kw;
                if (xx < 0 || xx >= g.Width) continue;
                var v = x[(plane * g.Height + yy) * g.Width + xx];
                if (best < 0 || TN.Less(max, v) || TN.IsNaN(v))
                {
                    max = v;
                    best = yy * g.Width + xx;
                }
            }
        }
        y[index] = max;
        argmax[index] = best;
    }

    /// <summary>
    /// gx for one input element: the sum of gy over the windows that cover it and chose it as their maximum. The
    /// windows are visited in ascending output order, the order in which the CPU kernel scatters, so the result
    /// is the CPU's bit for bit and does not depend on thread scheduling (no atomics).
    /// </summary>
    public static void MaxPoolBackward<T, TN>(Index1D index, ArrayView<T> gy, ArrayView<int> argmax, Pool2dGeometry g, ArrayView<T> gx)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int hw = g.Height * g.Width, oh = g.OutHeight, ow = g.OutWidth;
        int at = index % hw, plane = index / hw, h = at / g.Width, w = at % g.Width;
        // Window (i, j) covers rows i·sh − ph … i·sh − ph + kh − 1, so it covers h when (h + ph − kh + 1)/sh ≤ i ≤ (h + ph)/sh.
        int i0 = Math.Max(0, CeilDiv(h + g.PadH - g.KernelH + 1, g.StrideH)), i1 = Math.Min(oh - 1, (h + g.PadH) / g.StrideH);
        int j0 = Math.Max(0, CeilDiv(w + g.PadW - g.KernelW + 1, g.StrideW)), j1 = Math.Min(ow - 1, (w + g.PadW) / g.StrideW);
        var sum = TN.Zero;
        for (var i = i0; i <= i1; i++)
        {
            for (var j = j0; j <= j1; j++)
            {
                var o = (plane * oh + i) * ow + j;
                if (argmax[o] == at)
                {
                    sum = TN.Add(sum, gy[o]);
                }
            }
        }
        gx[index] = sum;
    }

    // ⌈a / b⌉ for b > 0 and any sign of a (C#'s / truncates toward zero).
    private static int CeilDiv(int a, int b) => a > 0 ? (a + b - 1) / b : -(-a / b);

    /// <summary>Average of one window, padding counted in the divisor (PyTorch's default).</summary>
    public static void AvgPool<T, TN>(Index1D index, ArrayView<T> x, Pool2dGeometry g, ArrayView<T> y)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        int j = index % ow, i = index / ow % oh, plane = index / (ow * oh);
        var sum = TN.Zero;
        for (var kh = 0; kh < g.KernelH; kh++)
        {
            var yy = i * g.StrideH - g.PadH + kh;
            if (yy < 0 || yy >= g.Height) continue;
            for (var kw = 0; kw < g.KernelW; kw++)
            {
                var xx = j * g.StrideW - g.PadW + kw;
                if (xx >= 0 && xx < g.Width)
                {
                    sum = TN.Add(sum, x[(plane * g.Height + yy) * g.Width + xx]);
                }
            }
        }
        y[index] = TN.Div(sum, TN.FromInt(g.KernelH * g.KernelW));
    }

    /// <summary>gx[plane, yy, xx] = Σ over the windows that contain it of gy / (KH·KW).</summary>
    public static void AvgPoolBackward<T, TN>(Index1D index, ArrayView<T> gy, Pool2dGeometry g, ArrayView<T> gx)
        where T : unmanaged where TN : struct, INumeric<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        int xx = index % g.Width, yy = index / g.Width % g.Height, plane = index / (g.Width * g.Height);
        var sum = TN.Zero;
        for (var kh = 0; kh < g.KernelH; kh++)
        {
            var ti = yy + g.PadH - kh;
            if (ti < 0 || ti % g.StrideH != 0 || ti / g.StrideH >= oh) continue;
            for (var kw = 0; kw < g.KernelW; kw++)
            {
                var tj = xx + g.PadW - kw;
                if (tj < 0 || tj % g.StrideW != 0 || tj / g.StrideW >= ow) continue;
                sum = TN.Add(sum, gy[(plane * oh + ti / g.StrideH) * ow + tj / g.StrideW]);
            }
        }
        gx[index] = TN.Div(sum, TN.FromInt(g.KernelH * g.KernelW));
    }
}
