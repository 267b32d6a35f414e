using Scratch.Reports.Plots;

namespace Scratch.Reports.Tests.Plots;

public class HistogramTests
{
    [Fact]
    public void Counts_EqualWidthBins_LastBinClosed()
    {
        var histogram = new Histogram([0, 0.1, 0.5, 0.99, 1.0], bins: 2);
        Assert.Equal([0.0, 0.5, 1.0], histogram.Edges);
        Assert.Equal([2, 3], histogram.Counts);
    }

    [Fact]
    public void Counts_AllValuesEqual_OneUnitRangeAroundThem()
    {
        var histogram = new Histogram(Tensor.Full(new Shape(2, 3), 0.25), bins: 1);
        Assert.Equal([-0.25, 0.75], histogram.Edges);
        Assert.Equal([6], histogram.Counts);
    }

    [Fact]
    public void ToPng_FixedSizeAndDeterministic()
    {
        byte[] Render() => new Histogram(Tensor.Randn(new Shape(1000), new Generator(7)), bins: 30) { Title = "r", Width = 320, Height = 200 }.ToPng();
        var first = Render();
        using var png = Png.Decode(first);
        Assert.Equal((320, 200), (png.Width, png.Height));
        Assert.Equal(first, Render());
    }

    [Fact]
    public void Constructor_BadInput_ThrowsNamingTheArgument()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new Histogram([], 3)).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => new Histogram([1, double.NaN], 3));
        Assert.Equal("values", nan.ParamName);
        Assert.Contains("index 1", nan.Message);
        Assert.Equal("bins", Assert.Throws<ArgumentOutOfRangeException>(() => new Histogram([1.0], 0)).ParamName);
    }
}
