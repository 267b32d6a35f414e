namespace Scratch.Autograd;

public sealed partial class Variable
{
    // For Y = X ⋆ W + b (cross-correlation): ∂L/∂X is the transposed convolution of G with W,
    // ∂L/∂W is the correlation of X with G, and ∂L/∂b = Σ G over batch and space. The tensor core
    // computes the first two (im2col on our GEMM); this rule only routes them.
    /// <summary>
    /// 2-D convolution of an NCHW batch [N, C, H, W] with weights [O, C, KH, KW] and an optional
    /// bias [O], zero padding (see <see cref="Tensor.Conv2d"/>).
    /// </summary>
    public static Variable Conv2d(Variable input, Variable weight, Variable? bias = null, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        Tensor x = input.Data, w = weight.Data;
        Shape inputShape = x.Shape, weightShape = w.Shape;
        var y = Tensor.Conv2d(x, w, bias?.Data, stride, padding);
        var inputs = new List<Variable> { input, weight };
        var backward = new List<Func<Tensor, Tensor>>
        {
            g => Tensor.Conv2dBackwardInput(g, w, inputShape, stride, padding),
            g => Tensor.Conv2dBackwardWeight(x, g, weightShape, stride, padding),
        };
        if (bias is not null)
        {
            inputs.Add(bias);
            // Over space first (contiguous rows), then over the batch: one pass, no transposed copy of G.
            backward.Add(g => g.Sum([2, 3]).Sum(0));
        }
        return Record("conv2d", y, inputs, backward);
    }

    // ∂max(window)/∂xⱼ = 1 for the window's maximum, else 0. With ties the whole gradient goes to the
    // first maximum in row-major order (the argmax the kernel records), unlike the even split of Max:
    // windows overlap and tie often after ReLU, and routing to one switch is what pooling networks use.
    /// <summary>Max pooling over NCHW windows (stride defaults to the kernel size).</summary>
    public static Variable MaxPool2d(Variable input, (int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var inputShape = input.Shape;
        var (y, argmax) = Tensor.MaxPool2d(input.Data, kernel, stride, padding);
        return Record("max_pool2d", y, [input], [g => Tensor.MaxPool2dBackward(g, argmax, inputShape, kernel, stride, padding)]);
    }

    // ∂mean(window)/∂xⱼ = 1/(KH·KW) for every xⱼ in the window (padding counts in the divisor).
    /// <summary>Average pooling over NCHW windows (stride defaults to the kernel size).</summary>
    public static Variable AvgPool2d(Variable input, (int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var inputShape = input.Shape;
        return Record("avg_pool2d", Tensor.AvgPool2d(input.Data, kernel, stride, padding), [input],
            [g => Tensor.AvgPool2dBackward(g, inputShape, kernel, stride, padding)]);
    }
}
