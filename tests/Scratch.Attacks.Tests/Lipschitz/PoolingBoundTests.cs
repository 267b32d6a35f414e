namespace Scratch.Attacks.Tests.Lipschitz;

public class PoolingBoundTests
{
    [Theory]
    [InlineData(2, 2, 1)]
    [InlineData(3, 3, 1)]
    [InlineData(3, 2, 2)]
    [InlineData(3, 1, 3)]
    [InlineData(5, 2, 3)]
    public void Max_IsTheWindowOverlap(int kernel, int stride, double expected)
    {
        Assert.Equal(expected, PoolingBound.Max(kernel, stride));
        Assert.Equal(expected / kernel, PoolingBound.Average(kernel, stride));
    }

    [Fact]
    public void MaxPool_Overlapping_SpikeAtTheCentreReachesTheBound()
    {
        // 3×3 windows, stride 1, on 5×5: the centre lies in all 9 windows, so a spike t on zeros moves 9 outputs by t:
        // ‖ΔP‖ = 3t = ⌈k/s⌉·‖Δx‖.
        var pool = new MaxPool2d(3, 1);
        Shape example = [1, 5, 5];
        var report = LipschitzBounds.Of(pool, example);
        Assert.Equal(3, report.Layers[0].Bound);
        var spike = new double[25];
        spike[12] = 2;
        Assert.Equal(3, EmpiricalLipschitz.Ratio(pool, example, new double[25], spike), 1e-12);
        Assert.True(EmpiricalLipschitz.MaxOverRandomPairs(pool, example, 50, seed: 51) <= 3);
    }

    [Fact]
    public void MaxPool_NonOverlapping_IsContractive()
    {
        var pool = new MaxPool2d(2);
        Shape example = [2, 6, 6];
        var row = LipschitzBounds.Of(pool, example).Layers[0];
        Assert.Equal(1, row.Bound);
        Assert.Equal(new Shape(2, 3, 3), row.OutputShape);
        Assert.True(EmpiricalLipschitz.MaxOverRandomPairs(pool, example, 50, seed: 52) <= 1);
        var spike = new double[72];
        spike[7] = 1;
        Assert.Equal(1, EmpiricalLipschitz.Ratio(pool, example, new double[72], spike), 1e-12);
    }

    [Fact]
    public void AvgPool_NonOverlapping_ConstantStepReachesOneOverK()
    {
        // A constant step c on a 4×4 image moves each of the 4 means by c: ‖ΔA‖ = 2c, ‖Δx‖ = 4c, ratio 1/2 = 1/k.
        var pool = new AvgPool2d(2);
        Shape example = [1, 4, 4];
        Assert.Equal(0.5, LipschitzBounds.Of(pool, example).Layers[0].Bound);
        var step = Enumerable.Repeat(0.3, 16).ToArray();
        Assert.Equal(0.5, EmpiricalLipschitz.Ratio(pool, example, new double[16], step), 1e-12);
    }

    [Fact]
    public void AvgPool_Overlapping_BoundHoldsOnRandomPairs()
    {
        var pool = new AvgPool2d(3, 1);
        Shape example = [1, 7, 7];
        var bound = LipschitzBounds.Of(pool, example).Layers[0].Bound;
        Assert.Equal(1, bound);
        Assert.True(EmpiricalLipschitz.MaxOverRandomPairs(pool, example, 50, seed: 53) <= bound);
    }
}
