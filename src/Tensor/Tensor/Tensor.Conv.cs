using Scratch.Backends.Cpu;

namespace Scratch;

public sealed partial class Tensor
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as in PyTorch) of an NCHW batch [N, C, H, W] with weights
    /// [O, C, KH, KW] plus an optional bias [O], with zero padding; the result is [N, O, OH, OW] with
    /// OH = ⌊(H + 2·padH − KH) / strideH⌋ + 1.
    /// </summary>
    /// <exception cref="ArgumentException">Ranks, channel counts, bias length or the geometry are invalid; the message names the field.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        var g = ConvGeometry("conv2d", input.Shape, weight, stride ?? (1, 1), padding ?? (0, 0));
        RequireSameDevice("conv2d", input, weight);
        RequireSameDType("conv2d", input, weight);
        input.RequireFloat("conv2d");
        if (bias is not null)
        {
            RequireSameDevice("conv2d", input, bias);
            RequireSameDType("conv2d", input, bias);
            if (bias.Shape != new Shape(g.OutChannels))
            {
                throw new ArgumentException($"conv2d: bias shape {bias.Shape} does not match weight {weight.Shape}; expected [{g.OutChannels}]", nameof(bias));
            }
        }
        var storage = input.Backend.Conv2d(input.Storage, input.Layout, weight.Storage, weight.Layout, bias?.Storage, bias?.Layout, g);
        return input.WithStorage(storage, [g.Batch, g.OutChannels, g.OutHeight, g.OutWidth]);
    }

    /// <summary>The gradient of a convolution with respect to its input, given the upstream gradient [N, O, OH, OW].</summary>
    public static Tensor Conv2dBackwardInput(Tensor gradOutput, Tensor weight, Shape inputShape, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        var g = ConvGeometry("conv2d_backward_input", inputShape, weight, stride ?? (1, 1), padding ?? (0, 0));
        RequireSameDevice("conv2d_backward_input", gradOutput, weight);
        RequireSameDType("conv2d_backward_input", gradOutput, weight);
        RequireShape("conv2d_backward_input", nameof(gradOutput), gradOutput.Shape, [g.Batch, g.OutChannels, g.OutHeight, g.OutWidth]);
        return gradOutput.WithStorage(gradOutput.Backend.Conv2dBackwardInput(gradOutput.Storage, gradOutput.Layout, weight.Storage, weight.Layout, g), inputShape);
    }

    /// <summary>The gradient of a convolution with respect to its weights, given its input and the upstream gradient.</summary>
    public static Tensor Conv2dBackwardWeight(Tensor input, Tensor gradOutput, Shape weightShape, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        var probe = new Tensor(input.Storage, Layout.Contiguous(weightShape), input.Device);
        var g = ConvGeometry("conv2d_backward_weight", input.Shape, probe, stride ?? (1, 1), padding ?? (0, 0));
        RequireSameDevice("conv2d_backward_weight", input, gradOutput);
        RequireSameDType("conv2d_backward_weight", input, gradOutput);
        RequireShape("conv2d_backward_weight", nameof(gradOutput), gradOutput.Shape, [g.Batch, g.OutChannels, g.OutHeight, g.OutWidth]);
        return input.WithStorage(input.Backend.Conv2dBackwardWeight(input.Storage, input.Layout, gradOutput.Storage, gradOutput.Layout, g), weightShape);
    }

    /// <summary>Max pooling over NCHW windows; returns the pooled tensor and the argmax (flat index within each input plane, int32) that its backward needs.</summary>
    public static (Tensor Output, Tensor Argmax) MaxPool2d(Tensor input, (int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        input.RequireFloat("max_pool2d");
        var g = PoolGeometry("max_pool2d", input.Shape, kernel, stride ?? kernel, padding ?? (0, 0));
        var (output, argmax) = input.Backend.MaxPool2d(input.Storage, input.Layout, g);
        Shape outShape = [g.Batch, g.Channels, g.OutHeight, g.OutWidth];
        return (input.WithStorage(output, outShape), input.WithStorage(argmax, outShape));
    }

    /// <summary>The gradient of max pooling: each upstream gradient goes to its window's maximum.</summary>
    public static Tensor MaxPool2dBackward(Tensor gradOutput, Tensor argmax, Shape inputShape, (int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        var g = PoolGeometry("max_pool2d_backward", inputShape, kernel, stride ?? kernel, padding ?? (0, 0));
        RequireSameDevice("max_pool2d_backward", gradOutput, argmax);
        argmax.RequireInt("max_pool2d_backward", nameof(argmax));
        RequireShape("max_pool2d_backward", nameof(gradOutput), gradOutput.Shape, [g.Batch, g.Channels, g.OutHeight, g.OutWidth]);
        RequireShape("max_pool2d_backward", nameof(argmax), argmax.Shape, gradOutput.Shape);
        return gradOutput.WithStorage(gradOutput.Backend.MaxPool2dBackward(gradOutput.Storage, gradOutput.Layout, argmax.Storage, argmax.Layout, g), inputShape);
    }

    /// <summary>Average pooling over NCHW windows; zero padding counts in the divisor (PyTorch's count_include_pad).</summary>
    public static Tensor AvgPool2d(Tensor input, (int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        input.RequireFloat("avg_pool2d");
        var g = PoolGeometry("avg_pool2d", input.Shape, kernel, stride ?? kernel, padding ?? (0, 0));
        return input.WithStorage(input.Backend.AvgPool2d(input.Storage, input.Layout, g), [g.Batch, g.Channels, g.OutHeight, g.OutWidth]);
    }

    /// <summary>The gradient of average pooling: each upstream gradient spread evenly over its window.</summary>
    public static Tensor AvgPool2dBackward(Tensor gradOutput, Shape inputShape, (int H, int W) kernel, (int H, int W)? stride = null, (int H, int W)? padding = null)
    {
        var g = PoolGeometry("avg_pool2d_backward", inputShape, kernel, stride ?? kernel, padding ?? (0, 0));
        RequireShape("avg_pool2d_backward", nameof(gradOutput), gradOutput.Shape, [g.Batch, g.Channels, g.OutHeight, g.OutWidth]);
        return gradOutput.WithStorage(gradOutput.Backend.AvgPool2dBackward(gradOutput.Storage, gradOutput.Layout, g), inputShape);
    }

    private static Conv2dGeometry ConvGeometry(string op, Shape input, Tensor weight, (int H, int W) stride, (int H, int W) padding)
    {
        if (input.Rank != 4 || weight.Rank != 4)
        {
            throw new ArgumentException($"{op}: expected input [N, C, H, W] and weight [O, C, KH, KW], got {input} and {weight.Shape}");
        }
        if (input[1] != weight.Shape[1])
        {
            throw new ArgumentException($"{op}: input {input} has {input[1]} channels but weight {weight.Shape} expects {weight.Shape[1]}");
        }
        var g = new Conv2dGeometry(input[0], input[1], input[2], input[3], weight.Shape[0], weight.Shape[2], weight.Shape[3],
            stride.H, stride.W, padding.H, padding.W);
        g.Validate();
        return g;
    }

    private static Pool2dGeometry PoolGeometry(string op, Shape input, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding)
    {
        if (input.Rank != 4)
        {
            throw new ArgumentException($"{op}: expected input [N, C, H, W], got {input}");
        }
        var g = new Pool2dGeometry(input[0], input[1], input[2], input[3], kernel.H, kernel.W, stride.H, stride.W, padding.H, padding.W);
        g.Validate();
        return g;
    }

    private static void RequireShape(string op, string argument, Shape actual, Shape expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{op}: {argument} has shape {actual}; expected {expected}", argument);
        }
    }
}
