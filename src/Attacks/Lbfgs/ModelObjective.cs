using System.Numerics;
using System.Numerics.Tensors;
using Scratch.Autograd;
using Scratch.Optim;

namespace Scratch.Attacks;

// Problem: L-BFGS-B works on double vectors through a value-and-gradient callback and knows nothing of tensors;
// an attack's objective is a differentiable tensor computation (a model's loss plus a penalty on r).
// Approach: copy the point(s) into a tensor of the model's dtype on its device, evaluate, take the gradient with
// Autodiff.Grad, copy value and gradient back as doubles. The batched form stacks the active problems of the
// lockstep driver into one batch, so N attacks cost one forward and one backward per round; its staging buffers
// are reused across rounds. The batch's row count is rounded up to a size class (the last problem repeated), because
// the memory pool serves tensors by exact length: a batch that shrinks by one row per finished problem would make
// every op's result a length never seen before, fresh memory at each new count (docs/memory.md).

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
            // Every tensor of one evaluation is recycled when it returns: the solver calls this once per iteration.
            using var scope = DeviceScope.Begin();
            CheckLength(x.Length, shape.ElementCount);
            var input = new Variable(ModelInput(x, shape, dtype, device ?? Device.Cpu), requiresGrad: true);
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
    /// Σ values w.r.t. the batch holds each example's gradient. The batch may hold more rows than there are active
    /// problems: k ≥ 8 problems are padded to <see cref="BatchRows"/>(k) rows by repeating the last problem (its
    /// point, and its index in the list), and only the first k values and gradients are read back. A row's value and
    /// gradient do not depend on the other rows of the batch (the products of two or more rows compute each row the
    /// same way), so the padding changes no bit of any problem's iterates.
    /// </summary>
    public static BatchValueAndGradient CreateBatched(Func<Variable, IReadOnlyList<int>, Variable> perExample, Shape exampleShape,
        DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(perExample);
        var n = exampleShape.ElementCount;
        double[] stacked = [];
        var problems = new List<int>();
        return (active, points, values, gradients) =>
        {
            using var scope = DeviceScope.Begin();
            var k = active.Count;
            var rows = BatchRows(k);
            if (stacked.Length < rows * n)
            {
                stacked = new double[rows * n];
            }
            problems.Clear();
            for (var j = 0; j < rows; j++)
            {
                var source = Math.Min(j, k - 1);
                CheckLength(points[source].Length, n);
                points[source].Span.CopyTo(stacked.AsSpan(j * n, n));
                problems.Add(active[source]);
            }
            var tensor = ModelInput(stacked.AsSpan(0, rows * n), new Shape([rows, .. exampleShape]), dtype, device ?? Device.Cpu);
            var batch = new Variable(tensor, requiresGrad: true);
            var result = perExample(batch, problems);
            if (result.Shape != new Shape(rows))
            {
                throw new ArgumentException($"batched model objective: the values have shape {result.Shape}; expected [{rows}], one per row of the batch");
            }
            var grad = Autodiff.Grad(result.Sum(), batch);
            CopyToDoubles(grad.Narrow(0, 0, k), stacked.AsSpan(0, k * n));
            CopyToDoubles(result.Data.Narrow(0, 0, k), values);
            for (var j = 0; j < k; j++)
            {
                stacked.AsSpan(j * n, n).CopyTo(gradients[j].Span);
            }
        };
    }

    /// <summary>
    /// The rows of a batch of <paramref name="problems"/> active problems: the count itself below 8, else the count
    /// rounded up to a multiple of a quarter of its highest power of two (at most a quarter more rows; four row counts
    /// per doubling, so a set of problems that finish one by one meets few distinct batch shapes).
    /// </summary>
    public static int BatchRows(int problems)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(problems);
        if (problems < 8)
        {
            return problems;
        }
        var step = (1 << BitOperations.Log2((uint)problems)) / 4;
        return checked((problems + step - 1) / step * step);
    }

    // The solver's doubles as the model's input. A float32 CPU model gets them in one pass, through the same saturating
    // conversion that To(Float32) applies, straight into the tensor's pooled memory (instead of a copy of the doubles,
    // a gathered copy of that, then the conversion).
    private static Tensor ModelInput(ReadOnlySpan<double> values, Shape shape, DType dtype, Device device) =>
        dtype == DType.Float32 && device == Device.Cpu
            ? Tensor.Create<float, ReadOnlySpan<double>>(shape, values, static (destination, source) => TensorPrimitives.ConvertSaturating(source, destination))
            : Tensor.FromSpan(values, shape).To(dtype).To(device);

    private static void CheckLength(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"model objective: the point has {actual} values; the shape needs {expected}");
        }
    }

    private static void CopyToDoubles(Tensor t, Span<double> destination) => t.CopyTo(destination[..t.ElementCount]);
}
