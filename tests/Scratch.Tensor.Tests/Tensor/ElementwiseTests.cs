using Scratch.Tests.Support;

namespace Scratch.Tests;

public class ElementwiseTests
{
    public static IEnumerable<object[]> Cases() => BackendParity.ShapesAndKinds();

    // float32 transcendental kernels are within a few ulp of the double-precision reference.
    [Theory]
    [MemberData(nameof(Cases))]
    public void UnaryOps_MatchReference(int[] shape, LayoutKind kind)
    {
        var x = SampleTensors.Make(shape, kind, seed: shape.Sum() + (int)kind);
        var positive = SampleTensors.Make(shape, kind, seed: 7, lo: 0.1, hi: 4);
        BackendParity.Check(t => t.Neg(), x);
        BackendParity.Check(t => t.Abs(), x);
        BackendParity.Check(t => t.Sign(), x);
        BackendParity.Check(t => t.Exp(), x, rtol: 1e-6);
        BackendParity.Check(t => t.Log(), positive, rtol: 1e-6);
        BackendParity.Check(t => t.Sqrt(), positive);
        BackendParity.Check(t => t.Square(), x);
        BackendParity.Check(t => t.Reciprocal(), positive);
        BackendParity.Check(t => t.Sin(), x, atol: 1e-6);
        BackendParity.Check(t => t.Cos(), x, atol: 1e-6);
        BackendParity.Check(t => t.Tanh(), x, atol: 1e-6);
        BackendParity.Check(t => t.Sigmoid(), x, atol: 1e-6);
        BackendParity.Check(t => t.Relu(), x);
        BackendParity.Check(t => t.Softplus(), x, rtol: 1e-6);
        BackendParity.Check(t => t.Step(), x);
        BackendParity.Check(t => t.Clamp(-0.5, 0.25), x);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BinaryOps_MatchReference(int[] shape, LayoutKind kind)
    {
        var a = SampleTensors.Make(shape, kind, seed: 11);
        var b = SampleTensors.Make(shape, SampleTensors.AllKinds[((int)kind + 1) % 4], seed: 12);
        var positive = SampleTensors.Make(shape, kind, seed: 13, lo: 0.5, hi: 2);
        BackendParity.Check((p, q) => p + q, a, b);
        BackendParity.Check((p, q) => p - q, a, b);
        BackendParity.Check((p, q) => p * q, a, b);
        BackendParity.Check((p, q) => p / q, a, positive, rtol: 1e-6);
        BackendParity.Check(Tensor.Maximum, a, b);
        BackendParity.Check(Tensor.Minimum, a, b);
        BackendParity.Check((p, q) => Tensor.Pow(p, q), positive, a, rtol: 1e-5);
        BackendParity.Check(Tensor.ReluBackward, a, b);
        BackendParity.Check((p, q) => Tensor.Greater(p, q), a, b);
        BackendParity.Check((p, q) => Tensor.LessEqual(p, q), a, b);
        BackendParity.Check((p, q) => Tensor.Where(Tensor.Greater(p, q), p, q), a, b);
    }

    public static IEnumerable<object[]> BroadcastPairs() =>
    [
        [new[] { 4, 7 }, new[] { 7 }],
        [new[] { 4, 7 }, new[] { 4, 1 }],
        [new[] { 1, 7 }, new[] { 4, 1 }],
        [new[] { 3, 1, 5 }, new[] { 4, 1 }],
        [new[] { 2, 3, 4 }, new int[0]],
        [new int[0], new[] { 257 }],
        [new[] { 1 }, new[] { 33 }],
        [new[] { 2, 1, 33 }, new[] { 2, 7, 1 }],
        [new[] { 0, 3 }, new[] { 3 }],
        [new[] { 5, 2, 3 }, new[] { 2, 3 }],
        [new[] { 6, 4, 1 }, new[] { 1, 4, 1 }],
    ];

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void Binary_BroadcastCornerCases_MatchReference(int[] shapeA, int[] shapeB)
    {
        var a = SampleTensors.Make(shapeA, LayoutKind.Contiguous, seed: 21);
        var b = SampleTensors.Make(shapeB, LayoutKind.Contiguous, seed: 22, lo: 0.5, hi: 2);
        BackendParity.Check((p, q) => p + q, a, b);
        BackendParity.Check((p, q) => p - q, a, b);
        BackendParity.Check((p, q) => q - p, a, b);
        BackendParity.Check((p, q) => p / q, a, b, rtol: 1e-6);
        BackendParity.Check((p, q) => q / p.Abs().Clamp(0.5, 3), a, b, rtol: 1e-6);
        // Both operands broadcast in turn, with conditions of both signs.
        BackendParity.Check((p, q) => Tensor.ReluBackward(p, q - 1), a, b);
        BackendParity.Check((p, q) => Tensor.ReluBackward(q, p), a, b);
    }

    [Fact]
    public void Binary_OneValueWithSizeOneDimensions_EqualsTheMaterialisedOperand()
    {
        // A sum's gradient broadcast back to its input keeps the strides of its size-1 dimensions ([1, 1, 0, 0] for
        // [1, 1, 28, 28]): it is still one value, and the product must be the one with that value written out.
        var x = SampleTensors.Make([1, 1, 28, 28], LayoutKind.Contiguous, seed: 23);
        var g = Tensor.FromArray(new float[] { 0.37f }).Reshape(1, 1, 1, 1).BroadcastTo(x.Shape);
        Assert.Equal(new[] { 1, 1, 0, 0 }, g.Layout.Strides.ToArray());
        var materialised = g.Contiguous();
        Assert.Equal((materialised * x).ToArray<float>(), (g * x).ToArray<float>());
        Assert.Equal((x - materialised).ToArray<float>(), (x - g).ToArray<float>());
    }

    // Values with ties, signed zeros, infinities and NaN, so that every comparison and every IEEE corner is met.
    private static Tensor Awkward(int[] shape, int seed)
    {
        var values = SampleTensors.Make(shape, LayoutKind.Contiguous, seed: seed).ToArray<float>();
        float[] corners = [0f, -0f, 1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.5f];
        for (var i = 0; i < values.Length; i += 3)
        {
            values[i] = corners[(i / 3 + seed) % corners.Length];
        }
        return Tensor.FromArray(values, shape);
    }

    private static int[] Bits(Tensor t) => t.ToArray<float>().Select(BitConverter.SingleToInt32Bits).ToArray();

    public static IEnumerable<object[]> RunLengths() => [[1], [2], [5], [7], [8], [9], [16], [33]];

    [Theory]
    [MemberData(nameof(RunLengths))]
    public void Binary_ValuesRepeatedAlongTrailingAxes_EqualTheMaterialisedOperand(int run)
    {
        // A [R, 1] operand against [R, run] (and [R, 1, 1] against [R, 2, run]) takes one pass over its runs; every op,
        // in both operand orders, must give the bits of the same op against the operand written out.
        foreach (var (shape, valuesShape) in new[] { (new[] { 6, run }, new[] { 6, 1 }), (new[] { 3, 2, run }, new[] { 3, 1, 1 }) })
        {
            var x = Awkward(shape, run);
            var v = Awkward(valuesShape, run + 1).BroadcastTo(new Shape(shape));
            var written = v.Contiguous();
            foreach (var op in new Func<Tensor, Tensor, Tensor>[] { (p, q) => p + q, (p, q) => p - q, (p, q) => p * q, (p, q) => p / q, Tensor.Maximum, Tensor.Minimum })
            {
                Assert.Equal(Bits(op(x, written)), Bits(op(x, v)));
                Assert.Equal(Bits(op(written, x)), Bits(op(v, x)));
            }
        }
    }

    [Fact]
    public void ValuesRepeatedAlongTrailingAxes_OverTheCores_EqualTheMaterialisedOperand()
    {
        // Past a million elements the runs are split across the cores (a [1000, 240, 5] max-out backward of a batch).
        var x = Awkward([1000, 240, 5], 41);
        var v = Awkward([1000, 240, 1], 42).BroadcastTo(x.Shape);
        var written = v.Contiguous();
        Assert.Equal(Bits(x * written), Bits(x * v));
        Assert.Equal(Bits(written / x), Bits(v / x));
        Assert.Equal(Bits(Tensor.Equal(x, written)), Bits(Tensor.Equal(x, v)));
        Assert.Equal(Bits(Tensor.Less(written, x)), Bits(Tensor.Less(v, x)));
    }

    public static IEnumerable<object[]> CompareForms() =>
    [
        [new[] { 5, 9 }, new[] { 5, 9 }],
        [new[] { 37 }, new int[0]],
        [new[] { 4, 5 }, new[] { 4, 1 }],
        [new[] { 2, 3, 17 }, new[] { 2, 3, 1 }],
        [new[] { 4, 7 }, new[] { 7 }],
        [new[] { 2, 1, 33 }, new[] { 2, 7, 1 }],
    ];

    [Theory]
    [MemberData(nameof(CompareForms))]
    public void Compare_EveryOpAndBroadcastForm_MatchesReference(int[] shapeA, int[] shapeB)
    {
        // Same shapes, a scalar, runs of one value, a repeated row and two-sided broadcasts, each operand on either
        // side, with ties, signed zeros and NaN: the 1s and 0s must be the reference backend's.
        var a = Awkward(shapeA, 31);
        var b = Awkward(shapeB, 32);
        foreach (var op in new Func<Tensor, Tensor, Tensor>[] { Tensor.Equal, Tensor.NotEqual, Tensor.Less, Tensor.LessEqual, Tensor.Greater, Tensor.GreaterEqual })
        {
            foreach (var (p, q) in new[] { (a, b), (b, a) })
            {
                var expected = op(p.To(Device.Reference), q.To(Device.Reference)).ToArray<float>();
                Assert.Equal(expected, op(p, q).ToArray<float>());
            }
        }
    }

    [Fact]
    public void Compare_AgainstItsOwnMaximum_MarksExactlyTheTies()
    {
        var x = Tensor.FromArray(new float[] { 1, 3, 3, 2, float.NaN, 0, -0f, 0, -1, 4, 4, 4 }, 3, 4);
        var isMax = Tensor.Equal(x, Tensor.FromArray(new float[] { 3, 0, 4 }, 3, 1));
        Assert.Equal(new float[] { 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1 }, isMax.ToArray<float>());
        var ints = Tensor.FromArray(new[] { 1, 5, 5, 2 }, 2, 2);
        Assert.Equal(new[] { 0, 1, 1, 0 }, Tensor.GreaterEqual(ints, Tensor.FromArray(new[] { 5, 3 }, 2, 1)).ToArray<int>());
    }

    [Fact]
    public void ReluBackward_PassesTheGradientOnlyWhereTheInputIsPositive()
    {
        // ReLU′(x) = [x > 0], with ReLU′(0) = 0; a NaN input is not positive, and a NaN gradient at an inactive unit becomes 0.
        var g = Tensor.FromArray(new float[] { 1, 2, 3, 4, float.NaN, float.PositiveInfinity });
        var x = Tensor.FromArray(new float[] { 0.5f, 0, -1, float.NaN, -2, 3 });
        Assert.Equal([1f, 0f, 0f, 0f, 0f, float.PositiveInfinity], Tensor.ReluBackward(g, x).ToArray<float>());
    }

    [Fact]
    public void Binary_ScalarOperators_ComputeExpectedValues()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 4 });
        Assert.Equal(new float[] { 3, 4, 6 }, (x + 2).ToArray<float>());
        Assert.Equal(new float[] { 1, 0, -2 }, (2 - x).ToArray<float>());
        Assert.Equal(new float[] { 2, 1, 0.5f }, (2 / x).ToArray<float>());
        Assert.Equal(new float[] { 1, 4, 16 }, x.Pow(2).ToArray<float>());
    }

    [Fact]
    public void Sign_MapsNaNToZero()
    {
        var x = Tensor.FromArray(new float[] { float.NaN, -3, 0, 2, float.NegativeInfinity });
        Assert.Equal(new float[] { 0, -1, 0, 1, -1 }, x.Sign().ToArray<float>());
    }

    [Fact]
    public void Softplus_LargeInputs_DoNotOverflow()
    {
        var x = Tensor.FromArray(new float[] { -200, 200, 0 });
        var y = x.Softplus().ToArray<float>();
        Assert.Equal(0f, y[0], 6);
        Assert.Equal(200f, y[1], 3);
        Assert.Equal(MathF.Log(2), y[2], 6);
    }

    [Fact]
    public void LargeTensor_ParallelPath_MatchesReference()
    {
        var a = SampleTensors.Make([300, 257], LayoutKind.Transposed, seed: 3);
        var b = SampleTensors.Make([257], LayoutKind.Contiguous, seed: 4);
        BackendParity.Check((p, q) => (p * q).Tanh(), a, b, atol: 1e-6);
        var c = SampleTensors.Make([1 << 17], LayoutKind.Contiguous, seed: 5);
        BackendParity.Check(t => t.Exp() + t, c, rtol: 1e-6);
    }

    [Fact]
    public void Binary_MixedDevices_ErrorNamesBoth()
    {
        var a = Tensor.Zeros([2]);
        var b = Tensor.Zeros([2], device: Device.Reference);
        var e = Assert.Throws<ArgumentException>(() => a + b);
        Assert.Contains("cpu", e.Message);
        Assert.Contains("reference", e.Message);
    }

    [Fact]
    public void Binary_MixedDTypes_ErrorNamesBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2]) + Tensor.Zeros([2], DType.Float64));
        Assert.Contains("float32", e.Message);
        Assert.Contains("float64", e.Message);
    }

    [Fact]
    public void Binary_ShapeMismatch_ErrorNamesOpAndShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 3]) * Tensor.Zeros([4]));
        Assert.Contains("mul", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    // Every length up to three Vector512 widths plus a tail, so each of the kernel's loops runs; NaN stays NaN and a
    // −0 below a lower bound of +0 becomes +0, as TensorPrimitives.Max gives.
    [Fact]
    public void Clamp_EqualsMinOfMaxBitForBit_NaNAndSignedZerosIncluded()
    {
        var special = new[] { double.NaN, -0.0, 0.0, double.NegativeInfinity, double.PositiveInfinity, -3, 0.25, 2, 1, 0.5 };
        for (var n = 0; n <= 3 * 16 + 7; n++)
        {
            var values = Enumerable.Range(0, n).Select(i => special[(i * 7) % special.Length]).ToArray();
            foreach (var (lo, hi) in new[] { (0.0, 1.0), (-1.0, 0.25) })
            {
                var floats = Tensor.FromArray(values.Select(v => (float)v).ToArray()).Clamp(lo, hi).ToArray<float>();
                var doubles = Tensor.FromArray(values).Clamp(lo, hi).ToArray<double>();
                for (var i = 0; i < n; i++)
                {
                    var expected = Math.Min(Math.Max(values[i], lo), hi);
                    Assert.Equal(BitConverter.SingleToInt32Bits((float)expected), BitConverter.SingleToInt32Bits(floats[i]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(doubles[i]));
                }
            }
        }
    }

    // Past the size where contiguous elementwise ops split over the cores: each element still equals its scalar form.
    [Fact]
    public void ElementwiseOps_OverTheCores_EqualTheScalarFormBitForBit()
    {
        const int n = (1 << 20) + 37;
        var random = new Random(3);
        var a = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var ta = Tensor.FromArray(a);
        var tb = Tensor.FromArray(b);
        var sum = (ta + tb).ToArray<float>();
        var clamped = ta.Clamp(-0.5, 1.25).ToArray<float>();
        var signs = ta.Sign().ToArray<float>();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(a[i] + b[i], sum[i]);
            Assert.Equal(Math.Min(Math.Max(a[i], -0.5f), 1.25f), clamped[i]);
            Assert.Equal(MathF.Sign(a[i]), signs[i]);
        }
    }

    [Fact]
    public void Unary_IntTensor_ErrorNamesDType()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new[] { 1, 2 }).Exp());
        Assert.Contains("int32", e.Message);
    }

    [Fact]
    public void Float64_UnaryAndBinary_MatchReferenceTightly()
    {
        var a = SampleTensors.Make([7, 33], LayoutKind.Transposed, seed: 8, dtype: DType.Float64);
        var b = SampleTensors.Make([33], LayoutKind.Contiguous, seed: 9, dtype: DType.Float64);
        BackendParity.Check((p, q) => (p * q + p).Exp().Sigmoid(), a, b, rtol: 1e-13, atol: 1e-14);
    }
}
