using System.Runtime.Intrinsics;
using Scratch.Backends.Cpu;

namespace Scratch.Attacks;

/// <summary>The checks every attack makes on its inputs before any work, each error naming the argument, the value and what was expected.</summary>
internal static class AttackInputs
{
    /// <summary>x is a floating-point batch [N, ...] inside the classifier's box with no NaN; labels are int32 [N].</summary>
    public static int[] Check(string attack, Classifier classifier, Tensor x, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        if (x.Rank < 2 || !x.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"{attack}: x has shape {x.Shape} and dtype {x.DType.Name()}; expected a float batch [N, ...]", nameof(x));
        }
        if (labels.Rank != 1 || labels.DType != DType.Int32 || labels.Shape[0] != x.Shape[0])
        {
            throw new ArgumentException($"{attack}: labels have shape {labels.Shape} and dtype {labels.DType.Name()}; expected int32 [{x.Shape[0]}], one per example of x", nameof(labels));
        }
        if (x.ElementCount > 0 && !InsideBounds(x, classifier.LowerBound, classifier.UpperBound))
        {
            throw new ArgumentException($"{attack}: x has values in [{x.Min().Item()}, {x.Max().Item()}]; expected values inside the classifier's bounds [{classifier.LowerBound}, {classifier.UpperBound}] (no NaN)", nameof(x));
        }
        var y = labels.To(Device.Cpu).ToArray<int>();
        var bad = Array.FindIndex(y, v => v < 0);
        if (bad >= 0)
        {
            throw new ArgumentException($"{attack}: label {y[bad]} at example {bad}; expected a class index ≥ 0", nameof(labels));
        }
        return y;
    }

    // Every element in [low, high], none NaN. A float32 batch in CPU memory is read once, each value widened to a
    // double and compared with the bounds as they are, in one chunk per core when it is large; any other tensor
    // through its minimum and maximum.
    private static unsafe bool InsideBounds(Tensor x, double low, double high)
    {
        if (x.Device != Device.Cpu || x.DType != DType.Float32)
        {
            double min = x.Min().Item(), max = x.Max().Item();
            return !double.IsNaN(min) && !double.IsNaN(max) && min >= low && max <= high;
        }
        ReadOnlySpan<float> values = x.Contiguous().HostElements<float>();
        var outside = 0;
        fixed (float* v = values)
        {
            // The span is pinned for the duration of the loop; its bodies see it through its address.
            var at = (nint)v;
            CpuParallel.For(values.Length, 1, (start, end) =>
            {
                if (!InsideBounds(new ReadOnlySpan<float>((float*)at + start, end - start), low, high))
                {
                    Interlocked.Exchange(ref outside, 1);
                }
            });
        }
        return outside == 0;
    }

    private static bool InsideBounds(ReadOnlySpan<float> values, double low, double high)
    {
        Vector256<double> lower = Vector256.Create(low), upper = Vector256.Create(high);
        var inside = Vector256<double>.AllBitsSet;
        var i = 0;
        for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
        {
            // A comparison with NaN is false, so a NaN clears its lane.
            var (first, second) = Vector256.Widen(Vector256.Create(values.Slice(i, Vector256<float>.Count)));
            inside &= Vector256.GreaterThanOrEqual(first, lower) & Vector256.LessThanOrEqual(first, upper)
                      & Vector256.GreaterThanOrEqual(second, lower) & Vector256.LessThanOrEqual(second, upper);
        }
        var all = Vector256.EqualsAll(inside.AsUInt64(), Vector256<ulong>.AllBitsSet);
        for (; i < values.Length; i++)
        {
            all &= values[i] >= low && values[i] <= high;
        }
        return all;
    }

    /// <summary>Every label is a class of the model, now that its scores are known.</summary>
    public static void CheckClasses(string attack, IReadOnlyList<int> labels, int classes)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] >= classes)
            {
                throw new ArgumentException($"{attack}: label {labels[i]} at example {i}; the model has classes 0..{classes - 1}", nameof(labels));
            }
        }
    }

    /// <summary>A budget is finite and ≥ 0.</summary>
    public static void CheckEpsilon(string attack, double epsilon, string name = "epsilon")
    {
        if (!double.IsFinite(epsilon) || epsilon < 0)
        {
            throw new ArgumentOutOfRangeException(name, epsilon, $"{attack}: {name} = {epsilon}; expected a finite value ≥ 0");
        }
    }
}
