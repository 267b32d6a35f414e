using Scratch.Reports.Images;

namespace Scratch.Reports.Tests.Images;

public class WeightImagesTests
{
    [Fact]
    public void Grid_WeightMatrix_OneDivergingTilePerRowOnTheLargestMagnitude()
    {
        // Two rows of 2×2 weights; the largest |w| is 2, so 2 → red, −2 → blue, 0 → white, 1 → (255, 128, 128).
        var weights = Tensor.FromArray(new[] { 2.0, -2, 0, 1, -1, 0, 0, 0 }, 2, 4);
        var grid = WeightImages.Grid(weights, height: 2, width: 2, columns: 2);
        grid.Padding = 0;

        Assert.Equal((1, 2), (grid.Rows, grid.Columns));
        using var png = Png.Decode(grid.ToPng());
        Assert.Equal((4, 2), (png.Width, png.Height));
        Assert.Equal(((byte)255, (byte)0, (byte)0), png[0, 0]);
        Assert.Equal(((byte)0, (byte)0, (byte)255), png[1, 0]);
        Assert.Equal(((byte)255, (byte)255, (byte)255), png[0, 1]);
        Assert.Equal(((byte)255, (byte)128, (byte)128), png[1, 1]);
        Assert.Equal(((byte)128, (byte)128, (byte)255), png[2, 0]);
    }

    [Fact]
    public void Grid_TenRowsOf784_TenTilesOf28InRows()
    {
        var weights = Tensor.Randn(new Shape(10, 784), new Generator(3));
        var grid = WeightImages.Grid(weights, 28, 28, columns: 5, captions: [.. Enumerable.Range(0, 10).Select(i => i.ToString())]);

        Assert.Equal((2, 5), (grid.Rows, grid.Columns));
        Assert.Equal(new PixelRect(grid.Measure().Cell(1, 4).X, grid.Measure().Cell(1, 4).Y, 28, 28), grid.Measure().Image(1, 4));
    }

    [Fact]
    public void Grid_ExplicitMagnitude_ClampsBeyondIt()
    {
        var grid = WeightImages.Grid(Tensor.FromArray(new[] { 0.5, -4 }, 1, 2), 1, 2, magnitude: 0.5);
        grid.Padding = 0;
        using var png = Png.Decode(grid.ToPng());
        Assert.Equal(((byte)255, (byte)0, (byte)0), png[0, 0]);
        Assert.Equal(((byte)0, (byte)0, (byte)255), png[1, 0]);
    }

    [Fact]
    public void Grid_BadShapeCaptionsOrValues_ThrowNamingTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => WeightImages.Grid(Tensor.Zeros(new Shape(10, 785)), 28, 28));
        Assert.Equal("weights", e.ParamName);
        Assert.Contains("[10, 785]", e.Message);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => WeightImages.Grid(Tensor.Zeros(new Shape(3, 4, 5)), 5, 4)).ParamName);
        Assert.Equal("captions", Assert.Throws<ArgumentException>(() => WeightImages.Grid(Tensor.Zeros(new Shape(3, 4)), 2, 2, captions: ["a"])).ParamName);
        var nan = Tensor.FromArray(new[] { 0.0, 0, 0, 0, 0, double.PositiveInfinity, 0, 0 }, 2, 4);
        var inf = Assert.Throws<ArgumentException>(() => WeightImages.Grid(nan, 2, 2));
        Assert.Contains("tile 1 at element 1", inf.Message);
        Assert.Equal("magnitude", Assert.Throws<ArgumentOutOfRangeException>(() => WeightImages.Grid(Tensor.Zeros(new Shape(1, 4)), 2, 2, magnitude: 0)).ParamName);
    }
}
