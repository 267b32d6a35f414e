using Scratch.Autograd;
using Scratch.Optim;

namespace Scratch.Attacks;

// Problem: L-BFGS-B works on double vectors through a value-and-gradient callback and knows nothing of tensors;
// an attack's objective is a differentiable tensor computation (a model's loss plus a penalty on r).
// Approach: convert the point(s) straight into a new host array of the model's dtype (one copy, no intermediate
// float64 tensor), wrap it as the input tensor and move it to the device, evaluate, take the gradient with
// Autodiff.Grad, and convert value and gradient back into the solver's doubles (one host copy of the gradient).
// The batched form stacks the active problems of the lockstep driver into one batch, so N attacks cost one forward
// and one backward per round. The input array is new at each call because the objective may keep its input.

/// <summary>Makes a differentiable tensor computation an L-BFGS-B objective, alone or batched for the lockstep driver.</summary>
public static class ModelObjective
{
    /// <summary>An objective for <see cref="Lbfgsb.Minimize"/>: <paramref name="objective"/> maps x (of <paramref name="shape"/>) to a one-element value.</summary>
    /// <exception cref="ArgumentException">(When called) the point has the wrong length or the objective's value is not a single element.</exception>
    public static ValueAndGradient Create(Func<Variable, Variable> objective, Shape shape, DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return (x, gradient) =>
        {
            CheckLength(x.Length, shape.ElementCount);
            var input = new Variable(Stage(x, shape, dtype, device ?? Device.Cpu), requiresGrad: true);
            var value = objective(input);
            if (value.Shape.ElementCount != 1)
            {
                throw new ArgumentException($"model objective: the value has shape {value.Shape}; expected one element");
            }
            CopyToDoubles(Autodiff.Grad(value, input), gradient);
            return value.Item();
        };
    }

    /// <summary>
    /// A batched objective for <see cref="LockstepDriver"/>: the active problems' points are stacked into one batch
    /// [k, ...<paramref name="exampleShape"/>] and <paramref name="perExample"/> maps it, with the indices of the
    /// problems in the batch, to the k values [k] in one call (one forward and one backward for the whole batch, on
    /// the GPU when the device is one). Examples must not interact (no batch statistics), so the gradient of
    /// Σ values w.r.t. the batch holds each example's gradient.
    /// </summary>
    public static BatchValueAndGradient CreateBatched(Func<Variable, IReadOnlyList<int>, Variable> perExample, Shape exampleShape,
        DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(perExample);
        var n = exampleShape.ElementCount;
        return (active, points, values, gradients) =>
        {
            var k = active.Count;
            for (var j = 0; j < k; j++)
            {
                CheckLength(points[j].Length, n);
            }
            var batch = new Variable(Stage(points, new Shape([k, .. exampleShape]), dtype, device ?? Device.Cpu), requiresGrad: true);
            var result = perExample(batch, active);
            if (result.Shape != new Shape(k))
            {
                throw new ArgumentException($"batched model objective: the values have shape {result.Shape}; expected [{k}], one per example");
            }
            var grad = Autodiff.Grad(result.Sum(), batch);
            CopyToDoubles(grad, gradients, n);
            CopyToDoubles(result.Data, values);
        };
    }

    private static void CheckLength(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"model objective: the point has {actual} values; the shape needs {expected}");
        }
    }

    // One point as a new contiguous tensor of the dtype on the device, converted once, on the host.
    private static Tensor Stage(ReadOnlySpan<double> x, Shape shape, DType dtype, Device device)
    {
        if (dtype != DType.Float32)
        {
            return Tensor.FromSpan(x, shape).To(dtype).To(device);
        }
        var data = GC.AllocateUninitializedArray<float>(x.Length);
        Narrow(x, data);
        return Tensor.Wrap(data, shape.ToArray()).To(device);
    }

    // The points, stacked in order, likewise.
    private static Tensor Stage(IReadOnlyList<ReadOnlyMemory<double>> points, Shape shape, DType dtype, Device device)
    {
        var n = points.Count == 0 ? 0 : shape.ElementCount / points.Count;
        if (dtype != DType.Float32)
        {
            var stacked = GC.AllocateUninitializedArray<double>(shape.ElementCount);
            for (var j = 0; j < points.Count; j++)
            {
                points[j].Span.CopyTo(stacked.AsSpan(j * n, n));
            }
            return Tensor.Wrap(stacked, shape.ToArray()).To(dtype).To(device);
        }
        var data = GC.AllocateUninitializedArray<float>(shape.ElementCount);
        for (var j = 0; j < points.Count; j++)
        {
            Narrow(points[j].Span, data.AsSpan(j * n, n));
        }
        return Tensor.Wrap(data, shape.ToArray()).To(device);
    }

    private static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    // The batch's gradient, example j into destinations[j] (n values each), with one host copy.
    private static void CopyToDoubles(Tensor t, IReadOnlyList<Memory<double>> destinations, int n)
    {
        var host = t.To(Device.Cpu);
        if (host.DType == DType.Float32)
        {
            var values = host.ToArray<float>();
            for (var j = 0; j < destinations.Count; j++)
            {
                var d = destinations[j].Span;
                for (var i = 0; i < n; i++)
                {
                    d[i] = values[j * n + i];
                }
            }
            return;
        }
        var doubles = host.To(DType.Float64).ToArray<double>();
        for (var j = 0; j < destinations.Count; j++)
        {
            doubles.AsSpan(j * n, n).CopyTo(destinations[j].Span);
        }
    }

    private static void CopyToDoubles(Tensor t, Span<double> destination)
    {
        var host = t.To(Device.Cpu);
        if (host.DType == DType.Float32)
        {
            var values = host.ToArray<float>();
            for (var i = 0; i < values.Length; i++)
            {
                destination[i] = values[i];
            }
            return;
        }
        host.To(DType.Float64).ToArray<double>().CopyTo(destination);
    }
}
