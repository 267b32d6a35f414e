using Scratch.Tests.Support;

namespace Scratch.Tests;

public class ReduceTests
{
    public static IEnumerable<object[]> Cases() => BackendParity.ShapesAndKinds();

    // Sums of up to ~1,000 float32 values: the SIMD order differs from the reference's, so allow a few ulp per term.
    [Theory]
    [MemberData(nameof(Cases))]
    public void Reductions_EveryAxisSet_MatchReference(int[] shape, LayoutKind kind)
    {
        var x = SampleTensors.Make(shape, kind, seed: 31 + shape.Length);
        foreach (var axes in AxisSets(shape.Length))
        {
            foreach (var keep in new[] { false, true })
            {
                BackendParity.Check(t => t.Sum(axes, keep), x, rtol: 1e-5, atol: 1e-5);
                BackendParity.Check(t => t.Mean(axes, keep), x, rtol: 1e-5, atol: 1e-6);
                BackendParity.Check(t => t.Max(axes, keep), x);
                BackendParity.Check(t => t.Min(axes, keep), x);
                BackendParity.Check(t => t.LogSumExp(axes, keep), x, rtol: 1e-6, atol: 1e-6);
            }
        }
    }

    [Theory]
    [InlineData(false, -1, 0f)]
    [InlineData(true, -1, 0f)]
    [InlineData(true, 0, float.NaN)]
    [InlineData(true, 99_999, float.NaN)]
    [InlineData(false, 150_000, float.NaN)]
    [InlineData(true, 149_999, 0f)]
    [InlineData(false, 50_001, -0f)]
    public void MaxAndMin_LongRowCutAcrossCores_AreTheOnePassExtremum(bool rows, int at, float value)
    {
        // 300,000 values (one row, or two of 150,000) are cut into one segment per core; the segments' extrema must
        // combine to the IEEE maximum and minimum of the whole row: NaN anywhere wins, +0 ranks above −0.
        var values = new float[300_000];
        var random = new Random(at + 7);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(4) == 0 ? (random.Next(2) == 0 ? 0f : -0f) : (float)(random.NextDouble() - 0.5) * 1e-3f;
        }
        if (at >= 0)
        {
            values[at] = value;
        }
        var x = rows ? Tensor.FromArray(values, 2, 150_000) : Tensor.FromArray(values, 300_000);
        var perRow = rows ? 150_000 : 300_000;
        var max = (rows ? x.Max(1) : x.Max()).ToArray<float>();
        var min = (rows ? x.Min(1) : x.Min()).ToArray<float>();
        for (var r = 0; r < max.Length; r++)
        {
            var row = values.AsSpan(r * perRow, perRow);
            Assert.Equal(BitConverter.SingleToInt32Bits(IeeeExtremum(row, largest: true)), BitConverter.SingleToInt32Bits(max[r]));
            Assert.Equal(BitConverter.SingleToInt32Bits(IeeeExtremum(row, largest: false)), BitConverter.SingleToInt32Bits(min[r]));
        }
    }

    // The IEEE 754-2019 maximum or minimum of a row, element by element: NaN if any element is NaN, +0 above −0.
    private static float IeeeExtremum(ReadOnlySpan<float> row, bool largest)
    {
        var best = row[0];
        foreach (var v in row)
        {
            if (float.IsNaN(v) || float.IsNaN(best))
            {
                best = float.NaN;
            }
            else if (largest ? v > best || (v == 0 && best == 0 && !float.IsNegative(v)) : v < best || (v == 0 && best == 0 && float.IsNegative(v)))
            {
                best = v;
            }
        }
        return best;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ArgReduceAndSoftmax_EveryAxis_MatchReference(int[] shape, LayoutKind kind)
    {
        var x = SampleTensors.Make(shape, kind, seed: 41);
        for (var axis = 0; axis < shape.Length; axis++)
        {
            var a = axis;
            BackendParity.Check(t => t.ArgMax(a), x);
            BackendParity.Check(t => t.ArgMin(a, keepDim: true), x);
            BackendParity.Check(t => t.Softmax(a), x, atol: 1e-7);
            BackendParity.Check(t => t.LogSoftmax(a), x, atol: 1e-6);
        }
    }

    [Fact]
    public void Norms_ComputeExpectedValues()
    {
        var x = Tensor.FromArray(new float[] { 3, -4, 0, 12 }, 2, 2);
        Assert.Equal(new float[] { 7, 12 }, x.Norm(1, [1]).ToArray<float>());
        Assert.Equal(new float[] { 5, 12 }, x.Norm(2, [1]).ToArray<float>());
        Assert.Equal(new float[] { 4, 12 }, x.Norm(double.PositiveInfinity, [1]).ToArray<float>());
        Assert.Equal(13.0, x.Norm().Item(), 5);
    }

    [Fact]
    public void LogSumExp_LargeLogits_IsStable()
    {
        var x = Tensor.FromArray(new float[] { 1000, 1000, -1000 });
        Assert.Equal(1000 + Math.Log(2), x.LogSumExp().Item(), 3);
        var sm = Tensor.FromArray(new float[] { 1000, 0 }).Softmax().ToArray<float>();
        Assert.Equal(new float[] { 1, 0 }, sm);
    }

    [Fact]
    public void ArgMax_Ties_ReturnFirstIndex()
    {
        var x = Tensor.FromArray(new float[] { 1, 5, 5, 2 });
        Assert.Equal(1, x.ArgMax().Item());
    }

    [Fact]
    public void Max_NaN_Propagates()
    {
        var x = Tensor.FromArray(new float[] { 1, float.NaN, 3 });
        Assert.True(double.IsNaN(x.Max().Item()));
    }

    [Fact]
    public void SumToShape_UndoesBroadcast()
    {
        var g = Tensor.Ones([2, 3, 4]);
        Assert.Equal(new float[] { 6, 6, 6, 6 }, g.SumToShape([4]).ToArray<float>());
        Assert.Equal(new Shape(3, 1), g.SumToShape([3, 1]).Shape);
        Assert.Equal(8f, g.SumToShape([3, 1]).ToArray<float>()[0]);
        Assert.Throws<ArgumentException>(() => g.SumToShape([5]));
    }

    [Fact]
    public void Reduce_BadAxis_ErrorNamesValueAndRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros([2, 3]).Sum(2));
        Assert.Contains("axis 2", e.Message);
        Assert.Contains("-2..1", e.Message);
    }

    [Fact]
    public void Max_EmptyAxis_IsAnError()
    {
        Assert.Throws<ArgumentException>(() => Tensor.Zeros([0, 3]).Max(0));
        Assert.Equal(new float[] { 0, 0, 0 }, Tensor.Zeros([0, 3]).Sum(0).ToArray<float>());
    }

    private static IEnumerable<int[]> AxisSets(int rank)
    {
        for (var mask = 1; mask < 1 << rank; mask++)
        {
            yield return Enumerable.Range(0, rank).Where(a => (mask & (1 << a)) != 0).ToArray();
        }
    }
}
