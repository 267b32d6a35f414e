using Scratch.Reports.Plots;

namespace Scratch.Reports.Tests.Plots;

public class BarChartTests
{
    [Fact]
    public void ToPng_FixedSizeAndDeterministic()
    {
        byte[] Render()
        {
            var chart = new BarChart { Title = "transfer", YLabel = "error (%)", Width = 300, Height = 200 };
            chart.Add("maxout → maxout", 89.4);
            chart.Add("maxout → softmax", 40.9);
            return chart.ToPng();
        }
        var first = Render();
        using var png = Png.Decode(first);
        Assert.Equal((300, 200), (png.Width, png.Height));
        Assert.Equal(first, Render());
    }

    [Fact]
    public void Add_BadInput_ThrowsAndEmptyChartCannotRender()
    {
        var chart = new BarChart();
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => chart.Add("a", double.NaN)).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => chart.Add(" ", 1)).ParamName);
        Assert.Throws<InvalidOperationException>(chart.ToPng);
    }
}
