namespace Scratch.Optim.Tests;

public class MaxNormConstraintTests
{
    [Fact]
    public void Apply_RescalesOnlyUnitsAboveTheNorm()
    {
        // rows: (3, 4) has norm 5 → scaled to norm 2: (1.2, 1.6); (0.6, 0.8) has norm 1 → unchanged; zeros stay zeros
        var w = new TestParameter("weight") { Value = Tensor.FromArray(new double[] { 3, 4, 0.6, 0.8, 0, 0 }, 3, 2) };
        var b = new TestParameter("bias", 30, 40);
        new MaxNormConstraint(2).Apply([w, b]);
        var v = w.Value.ToArray<double>();
        double[] expected = [1.2, 1.6, 0.6, 0.8, 0, 0];
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], v[i], 1e-12);
        }
        Assert.Equal([30.0, 40.0], b.Values);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Apply_OnTheCpu_EqualsTheTensorExpressionBitForBit(DType dtype)
    {
        // A [40, 3, 5, 5] weight (conv layout: slices along dimension 0) with slices above and below the norm, an all-zero
        // slice and a NaN slice, and a strided view of a [784, 60] matrix: the one-pass projection must give the bits
        // of min(1, c / ‖w‖)·w written as tensor ops.
        var conv = Tensor.Randn([40, 3, 5, 5], new Generator(4), dtype) * 0.5;
        var values = conv.To(DType.Float64).ToArray<double>();
        Array.Clear(values, 75, 75);
        values[300] = double.NaN;
        conv = Tensor.FromArray(values, 40, 3, 5, 5).To(dtype);
        var transposed = (Tensor.Randn([784, 60], new Generator(5), dtype) * 0.08).MT;
        foreach (var w in new[] { conv, transposed })
        {
            var axes = Enumerable.Range(1, w.Rank - 1).ToArray();
            var expected = w * Tensor.Minimum(1.9365 / w.Norm(2, axes, keepDim: true), Tensor.Scalar(1, dtype));
            var parameter = new TestParameter("weight") { Value = w };
            new MaxNormConstraint(1.9365).Apply([parameter]);
            Assert.Equal(expected.To(DType.Float64).ToArray<double>().Select(BitConverter.DoubleToInt64Bits),
                parameter.Value.To(DType.Float64).ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
            Assert.Contains(w.Norm(2, axes).To(DType.Float64).ToArray<double>(), n => n > 1.9365);
        }
    }

    [Fact]
    public void Constructor_NonPositiveNorm_Throws()
    {
        Assert.Contains("max norm = 0", Assert.Throws<ArgumentOutOfRangeException>(() => new MaxNormConstraint(0)).Message);
    }
}
