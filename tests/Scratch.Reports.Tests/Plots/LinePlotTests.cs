using Scratch.Reports.Plots;

namespace Scratch.Reports.Tests.Plots;

public class LinePlotTests
{
    private static LinePlot ErrorAgainstEpsilon(string? title = "FGSM on MNIST", bool logX = false)
    {
        var plot = new LinePlot { Title = title, XLabel = "ε", YLabel = "error (%)", LogX = logX, Width = 400, Height = 300 };
        plot.AddSeries("maxout", [0.05, 0.1, 0.25], [12.0, 45.1, 89.4]);
        plot.AddSeries("softmax", [0.05, 0.1, 0.25], [20.0, 60.2, 99.9]);
        plot.AddReferenceLine(89.4, "paper: 89.4%");
        return plot;
    }

    [Fact]
    public void Save_WritesAPngOfTheStatedSize()
    {
        using var folder = new TempFolder();
        ErrorAgainstEpsilon().Save(folder.File("plot.png"));
        using var png = Png.Read(folder.File("plot.png"));
        Assert.Equal((400, 300), (png.Width, png.Height));
        Assert.Equal(["plot.png"], folder.Names());
    }

    [Fact]
    public void ToPng_SamePlotBuiltTwice_GivesTheSameBytes() =>
        Assert.Equal(ErrorAgainstEpsilon(logX: true).ToPng(), ErrorAgainstEpsilon(logX: true).ToPng());

    [Fact]
    public void ToPng_Title_DrawsTextAboveTheData()
    {
        using var titled = Png.Decode(ErrorAgainstEpsilon("FGSM on MNIST").ToPng());
        using var untitled = Png.Decode(ErrorAgainstEpsilon(null).ToPng());
        // The title occupies the top band; without one the band is background.
        Assert.True(titled.NonWhite(0, 0, 400, 20) > 50, "the title should draw dark pixels");
        Assert.True(untitled.NonWhite(0, 0, 400, 20) < titled.NonWhite(0, 0, 400, 20));
    }

    [Fact]
    public void AddSeries_BadData_ThrowsNamingTheArgumentAndWhere()
    {
        var plot = new LinePlot();
        var nan = Assert.Throws<ArgumentException>(() => plot.AddSeries("a", [1, 2], [1, double.NaN]));
        Assert.Equal("y", nan.ParamName);
        Assert.Contains("index 1", nan.Message);
        Assert.Contains("'a'", nan.Message);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => plot.AddSeries("a", [1, 2], [1])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => plot.AddSeries("a", [], [])).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => plot.AddSeries("", [1], [1])).ParamName);
        var log = new LinePlot { LogX = true };
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => log.AddSeries("a", [0, 1], [1, 2])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => plot.AddReferenceLine(double.PositiveInfinity, "paper")).ParamName);
    }

    [Fact]
    public void Settings_OutOfRange_ThrowNamingTheSetting()
    {
        Assert.Equal("Width", Assert.Throws<ArgumentOutOfRangeException>(() => new LinePlot { Width = 10 }).ParamName);
        Assert.Equal("Title", Assert.Throws<ArgumentException>(() => new LinePlot { Title = "a\nb" }).ParamName);
    }

    [Fact]
    public void Save_NoSeries_ThrowsAndWritesNothing()
    {
        using var folder = new TempFolder();
        Assert.Throws<InvalidOperationException>(() => new LinePlot().Save(folder.File("plot.png")));
        Assert.Empty(folder.Names());
    }
}
