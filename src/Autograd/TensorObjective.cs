using Scratch.Optim;

namespace Scratch.Autograd;

/// <summary>
/// Lets a differentiable Scratch computation be an L-BFGS-B objective. The solver works on double
/// vectors; the adapter copies each point into a tensor of the chosen dtype on the chosen device,
/// evaluates the computation, takes the gradient with <see cref="Autodiff.Grad(Variable, Variable, Tensor?, bool, bool)"/>,
/// and copies value and gradient back as doubles.
/// </summary>
public static class TensorObjective
{
    /// <summary>An objective for <see cref="Lbfgsb.Minimize"/>: <paramref name="objective"/> maps x (of <paramref name="shape"/>) to a one-element value.</summary>
    /// <exception cref="ArgumentException">(When called) the point has the wrong length or the objective's value is not a single element.</exception>
    public static ValueAndGradient Create(Func<Variable, Variable> objective, Shape shape, DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return (x, gradient) =>
        {
            var input = new Variable(ToTensor(x, shape, dtype, device), requiresGrad: true);
            var value = objective(input);
            if (value.Shape.ElementCount != 1)
            {
                throw new ArgumentException($"tensor objective: the value has shape {value.Shape}; expected one element");
            }
            CopyToDoubles(Autodiff.Grad(value, input), gradient);
            return value.Item();
        };
    }

    /// <summary>
    /// A batched objective for <see cref="LockstepDriver"/>: the active problems' points are stacked into one
    /// batch [k, ...<paramref name="exampleShape"/>] and <paramref name="perExample"/> maps it to the k values [k]
    /// in one call (one forward and one backward for the whole batch, on the GPU when the device is one). Examples
    /// must not interact (no batch statistics), so the gradient of Σ values w.r.t. the batch holds each example's gradient.
    /// </summary>
    public static BatchValueAndGradient CreateBatched(Func<Variable, Variable> perExample, Shape exampleShape, DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(perExample);
        var n = exampleShape.ElementCount;
        return (active, points, values, gradients) =>
        {
            var k = active.Count;
            var stacked = new double[k * n];
            for (var j = 0; j < k; j++)
            {
                CheckLength(points[j].Length, n);
                points[j].Span.CopyTo(stacked.AsSpan(j * n, n));
            }
            var batch = new Variable(ToTensor(stacked, [k, .. exampleShape], dtype, device), requiresGrad: true);
            var result = perExample(batch);
            if (result.Shape != new Shape(k))
            {
                throw new ArgumentException($"batched tensor objective: the values have shape {result.Shape}; expected [{k}], one per example");
            }
            var grad = Doubles(Autodiff.Grad(result.Sum(), batch));
            var vals = Doubles(result.Data);
            for (var j = 0; j < k; j++)
            {
                values[j] = vals[j];
                grad.AsSpan(j * n, n).CopyTo(gradients[j].Span);
            }
        };
    }

    private static Tensor ToTensor(ReadOnlySpan<double> x, Shape shape, DType dtype, Device? device)
    {
        CheckLength(x.Length, shape.ElementCount);
        return Tensor.FromSpan(x, shape).To(dtype).To(device ?? Device.Cpu);
    }

    private static void CheckLength(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"tensor objective: the point has {actual} values; the shape needs {expected}");
        }
    }

    private static double[] Doubles(Tensor t) => t.To(Device.Cpu).To(DType.Float64).ToArray<double>();

    private static void CopyToDoubles(Tensor t, Span<double> destination) => Doubles(t).CopyTo(destination);
}
