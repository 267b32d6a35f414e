using Scratch.Backends;

namespace Scratch.Diagnostics;

public static partial class KernelComparisons
{
    private static IEnumerable<KernelComparison> Unary(bool large)
    {
        foreach (var op in Enum.GetValues<UnaryOp>())
        {
            var lo = op is UnaryOp.Log or UnaryOp.Sqrt ? 0.1 : -3;
            foreach (var dtype in Floats)
            {
                var (rtol, atol) = Tolerance(dtype);
                foreach (var kind in SampleTensors.AllKinds)
                {
                    yield return new(KernelFamily.Unary, $"{op} {dtype} {kind} {S(3, 5)}", d => In(d, [3, 5], kind, 1, dtype, lo, 3).Unary(op), rtol, atol);
                }
            }
            if (large)
            {
                yield return new(KernelFamily.Unary, $"{op} Float32 Transposed {S(512, 1000)}", d => In(d, [512, 1000], LayoutKind.Transposed, 1, DType.Float32, lo, 3).Unary(op), 2e-5, 2e-5);
            }
        }
    }

    private static IEnumerable<KernelComparison> Binary(bool large)
    {
        foreach (var op in Enum.GetValues<BinaryOp>())
        {
            var lo = op == BinaryOp.Pow ? 0.2 : -2;
            foreach (var dtype in Floats)
            {
                var (rtol, atol) = Tolerance(dtype);
                foreach (var ka in SampleTensors.AllKinds)
                {
                    foreach (var kb in SampleTensors.AllKinds)
                    {
                        yield return new(KernelFamily.Binary, $"{op} {dtype} {ka}×{kb} {S(4, 6)}",
                            d => Tensor.Binary(op, In(d, [4, 6], ka, 2, dtype, lo), In(d, [4, 6], kb, 3, dtype, lo)), rtol, atol);
                    }
                }
                yield return new(KernelFamily.Binary, $"{op} {dtype} {S(4, 1)}×{S(1, 6)}",
                    d => Tensor.Binary(op, In(d, [4, 1], LayoutKind.Contiguous, 4, dtype, lo), In(d, [1, 6], LayoutKind.Contiguous, 5, dtype, lo)), rtol, atol);
                yield return new(KernelFamily.Binary, $"{op} {dtype} Offset {S(6)}×Transposed {S(3, 4, 6)}",
                    d => Tensor.Binary(op, In(d, [6], LayoutKind.Offset, 6, dtype, lo), In(d, [3, 4, 6], LayoutKind.Transposed, 7, dtype, lo)), rtol, atol);
            }
            if (large)
            {
                yield return new(KernelFamily.Binary, $"{op} Float32 Transposed {S(512, 1000)}×Offset {S(1000)}",
                    d => Tensor.Binary(op, In(d, [512, 1000], LayoutKind.Transposed, 8, DType.Float32, lo), In(d, [1000], LayoutKind.Offset, 9, DType.Float32, lo)), 2e-5, 2e-5);
            }
        }
    }

    private static IEnumerable<KernelComparison> Compare()
    {
        // Values rounded to -1, 0, 1 so that ties are common; the right operand sometimes a (no-op) double transpose or a broadcast row.
        static Tensor Ints(Device d, int seed, DType dtype) =>
            In(d, [5, 4], LayoutKind.Contiguous, seed, DType.Float64, -2, 2).Clamp(-1.5, 1.5).To(DType.Int32).To(dtype);
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32 })
        {
            foreach (var op in Enum.GetValues<CompareOp>())
            {
                Func<Tensor, Tensor> right = op switch
                {
                    CompareOp.Less => b => b.Transpose(0, 1).Transpose(0, 1),
                    CompareOp.Greater => b => b.Narrow(0, 0, 1),
                    _ => b => b,
                };
                yield return new(KernelFamily.Compare, $"{op} {dtype} {S(5, 4)}", d => Tensor.Compare(op, Ints(d, 1, dtype), right(Ints(d, 2, dtype))));
            }
        }
    }

    private static IEnumerable<KernelComparison> WhereClampCast(bool large)
    {
        foreach (var kind in SampleTensors.AllKinds)
        {
            yield return new(KernelFamily.WhereClampCast, $"Where {kind} {S(4, 5)}", d => Tensor.Where(
                Tensor.Greater(In(d, [4, 5], kind, 1, DType.Float32), Tensor.Zeros([1], DType.Float32, d)),
                In(d, [4, 5], LayoutKind.Contiguous, 2, DType.Float64), In(d, [5], LayoutKind.Offset, 3, DType.Float64)));
            yield return new(KernelFamily.WhereClampCast, $"Clamp {kind} {S(4, 5)}", d => In(d, [4, 5], kind, 4, DType.Float32).Clamp(-0.5, 0.75));
            foreach (var from in Floats)
            {
                foreach (var to in Enum.GetValues<DType>())
                {
                    // Values beyond the int32 range: the cast's saturation is part of what is compared.
                    yield return new(KernelFamily.WhereClampCast, $"Cast {from}→{to} {kind} {S(4, 5)}", d => In(d, [4, 5], kind, 5, from, -3e9, 3e9).To(to), 1e-7, 0);
                }
            }
            yield return new(KernelFamily.WhereClampCast, $"Cast Float64→Int32→Float32 {kind} {S(4, 5)}",
                d => In(d, [4, 5], kind, 6, DType.Float64, -50, 50).To(DType.Int32).To(DType.Float32));
            yield return new(KernelFamily.WhereClampCast, $"Contiguous {kind} {S(4, 5)}", d => In(d, [4, 5], kind, 7, DType.Float64).Contiguous());
        }
        if (large)
        {
            yield return new(KernelFamily.WhereClampCast, $"Contiguous Float32 Transposed {S(1000, 1000)}", d => In(d, [1000, 1000], LayoutKind.Transposed, 8, DType.Float32).Contiguous());
        }
    }

    private static IEnumerable<KernelComparison> SpecialValues()
    {
        // Sign(NaN) = 0, ReLU(NaN) = NaN, Step(NaN) = 0, clamp keeps NaN, max/min propagate NaN, the int cast of NaN is 0.
        static Tensor Special(Device d) => Tensor.FromArray([float.NaN, 0f, -0f, 1f, -1f, float.PositiveInfinity, float.NegativeInfinity, 3e38f]).To(d);
        yield return new(KernelFamily.SpecialValues, "Sign", d => Special(d).Sign());
        yield return new(KernelFamily.SpecialValues, "Relu", d => Special(d).Relu());
        yield return new(KernelFamily.SpecialValues, "Step", d => Special(d).Step());
        yield return new(KernelFamily.SpecialValues, "Softplus", d => Special(d).Softplus());
        yield return new(KernelFamily.SpecialValues, "Clamp", d => Special(d).Clamp(-1, 1));
        yield return new(KernelFamily.SpecialValues, "Maximum", d => Tensor.Maximum(Special(d), Tensor.Zeros([1], DType.Float32, d)));
        yield return new(KernelFamily.SpecialValues, "Minimum", d => Tensor.Minimum(Tensor.Zeros([1], DType.Float32, d), Special(d)));
        yield return new(KernelFamily.SpecialValues, "Cast to Int32", d => Special(d).To(DType.Int32));
        // Reductions over rows holding NaN, +∞, and only −∞.
        static Tensor Rows(Device d) => Tensor.FromArray([1f, float.NaN, 2f, float.PositiveInfinity, 1f, 3f, float.NegativeInfinity, float.NegativeInfinity], 4, 2).To(d);
        yield return new(KernelFamily.SpecialValues, "Max of rows", d => Rows(d).Max(1));
        yield return new(KernelFamily.SpecialValues, "Min of rows", d => Rows(d).Min(1));
        yield return new(KernelFamily.SpecialValues, "LogSumExp of rows", d => Rows(d).LogSumExp(1));
        yield return new(KernelFamily.SpecialValues, "ArgMax of rows", d => Rows(d).ArgMax(1));
        yield return new(KernelFamily.SpecialValues, "ArgMin of rows", d => Rows(d).ArgMin(1));
    }

    private static IEnumerable<KernelComparison> EmptyAndScalar()
    {
        yield return new(KernelFamily.EmptyAndScalar, $"Exp {S(0, 3)}", d => In(d, [0, 3], LayoutKind.Contiguous, 1, DType.Float32).Exp());
        yield return new(KernelFamily.EmptyAndScalar, $"scalar × Transposed {S(2, 3)}",
            d => Tensor.Scalar(2.5, DType.Float32, d) * In(d, [2, 3], LayoutKind.Transposed, 2, DType.Float32));
        yield return new(KernelFamily.EmptyAndScalar, "Abs of a Float64 scalar", d => Tensor.Scalar(-0.5, DType.Float64, d).Abs());
        yield return new(KernelFamily.EmptyAndScalar, $"Sum(0) of {S(0, 3)}", d => In(d, [0, 3], LayoutKind.Contiguous, 3, DType.Float32).Sum(0));
        yield return new(KernelFamily.EmptyAndScalar, $"Mean(0) of {S(0, 3)}", d => In(d, [0, 3], LayoutKind.Contiguous, 3, DType.Float32).Mean(0));
        yield return new(KernelFamily.EmptyAndScalar, $"LogSumExp(0) of {S(0, 3)}", d => In(d, [0, 3], LayoutKind.Contiguous, 3, DType.Float32).LogSumExp(0));
    }
}
