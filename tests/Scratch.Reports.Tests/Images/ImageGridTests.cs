using Scratch.Reports.Images;

namespace Scratch.Reports.Tests.Images;

public class ImageGridTests
{
    // A 4×5 checkerboard of black (0) and mid-grey (0.5), so its pixels differ from the white background.
    private static Tensor Checkerboard()
    {
        var values = new double[4 * 5];
        for (var y = 0; y < 4; y++)
        {
            for (var x = 0; x < 5; x++)
            {
                values[y * 5 + x] = (x + y) % 2 == 0 ? 0 : 0.5;
            }
        }
        return Tensor.FromArray(values, 4, 5);
    }

    [Fact]
    public void Save_CheckerboardUpscaled_LandsInItsCellAtScale()
    {
        var grid = new ImageGrid(2, 3) { Upscale = 3, Padding = 2 };
        grid.Set(0, 0, Tensor.FromArray(Enumerable.Repeat(1.0, 20).ToArray(), 4, 5));
        grid.Set(1, 2, Checkerboard());
        using var folder = new TempFolder();
        grid.Save(folder.File("grid.png"));

        using var png = Png.Read(folder.File("grid.png"));
        // Width = 2 + 3·(15 + 2), height = 2 + 2·(12 + 2): cells 5·3 wide and 4·3 tall, padding 2.
        Assert.Equal((53, 30), (png.Width, png.Height));
        // Cell (1, 2) starts at x = 2 + 2·(15 + 2) = 36, y = 2 + 1·(12 + 2) = 16.
        for (var y = 0; y < 12; y++)
        {
            for (var x = 0; x < 15; x++)
            {
                var level = (x / 3 + y / 3) % 2 == 0 ? (byte)0 : (byte)128;
                Assert.Equal((level, level, level), png[36 + x, 16 + y]);
            }
        }
        Assert.Equal(0, png.NonWhite(35, 16, 1, 12));
        Assert.Equal(0, png.NonWhite(51, 16, 2, 12));
        Assert.Equal(0, png.NonWhite(36, 15, 15, 1));
        Assert.Equal(0, png.NonWhite(36, 28, 15, 2));
        Assert.Equal(new PixelRect(36, 16, 15, 12), grid.Measure().Image(1, 2));
    }

    [Fact]
    public void Save_SignedPerturbation_ZeroIsMidGreyAndMagnitudeIsWhiteOrBlack()
    {
        var grid = new ImageGrid(1, 1) { Padding = 0 };
        grid.Set(0, 0, Tensor.FromArray(new[] { 0.0, 0.1, -0.1, 0.05, 0.3, -7 }, 1, 2, 3), scale: ValueScale.Signed(0.1));

        using var png = Png.Decode(grid.ToPng());
        Assert.Equal((3, 2), (png.Width, png.Height));
        // t = ½ + r/(2·0.1): 0 → 127.5 → 128, 0.1 → 255, −0.1 → 0, 0.05 → 191.25 → 191; beyond ±0.1 clamped.
        byte[] expected = [128, 255, 0, 191, 255, 0];
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal((expected[i], expected[i], expected[i]), png[i % 3, i / 3]);
        }
    }

    [Fact]
    public void Save_RgbImageOnLinearScale_MapsEachChannel()
    {
        var grid = new ImageGrid(1, 1, ValueScale.Linear(-1, 1)) { Padding = 0 };
        // Planes [3, 1, 2]: pixel 0 = (1, 0, −1), pixel 1 = (−1, 0.5, 1).
        grid.Set(0, 0, Tensor.FromArray(new[] { 1.0, -1, 0, 0.5, -1, 1 }, 3, 1, 2).To(DType.Float32));

        using var png = Png.Decode(grid.ToPng());
        Assert.Equal(((byte)255, (byte)128, (byte)0), png[0, 0]);
        Assert.Equal(((byte)0, (byte)191, (byte)255), png[1, 0]);
    }

    [Fact]
    public void Save_Captions_DrawTextInTheCaptionStripOfTheirCellOnly()
    {
        var grid = new ImageGrid(1, 2) { Upscale = 2 };
        grid.Set(0, 0, Tensor.Zeros(new Shape(28, 28)), "7 → 3 (97.2%)");
        grid.Set(0, 1, Tensor.Zeros(new Shape(28, 28)));

        var layout = grid.Measure();
        using var png = Png.Decode(grid.ToPng());
        var captioned = layout.Caption(0, 0);
        var plain = layout.Caption(0, 1);
        Assert.True(layout.CaptionHeight >= 10, $"caption strip {layout.CaptionHeight} px");
        Assert.True(png.NonWhite(captioned.X, captioned.Y, captioned.Width, captioned.Height) > 50, "the caption should draw dark pixels");
        Assert.Equal(0, png.NonWhite(plain.X, plain.Y, plain.Width, plain.Height));
        // The caption is wider than the 56-pixel image, so the cells grow to hold it and the image sits centred (half rounded down).
        Assert.True(layout.CellWidth > 56, $"cell width {layout.CellWidth}");
        var cell = layout.Cell(0, 0);
        var left = cell.X + (layout.CellWidth - 56) / 2;
        Assert.Equal(new PixelRect(left, cell.Y, 56, 56), layout.Image(0, 0));
        Assert.Equal(((byte)0, (byte)0, (byte)0), png[left, cell.Y]);
        Assert.Equal(((byte)0, (byte)0, (byte)0), png[left + 55, cell.Y + 55]);
        Assert.Equal(((byte)255, (byte)255, (byte)255), png[left - 1, cell.Y]);
        Assert.Equal(((byte)255, (byte)255, (byte)255), png[left + 56, cell.Y]);
        Assert.Equal((layout.Width, layout.Height), (png.Width, png.Height));
    }

    [Fact]
    public void Save_RowAndColumnTitles_DrawTextInTheirStrips()
    {
        var grid = new ImageGrid(2, 2);
        grid.Set(0, 0, Tensor.Zeros(new Shape(8, 8)));
        grid.Set(1, 1, Tensor.Zeros(new Shape(8, 8)));
        grid.SetRowTitle(1, "adversarial");
        grid.SetColumnTitle(0, "clean");

        var layout = grid.Measure();
        using var png = Png.Decode(grid.ToPng());
        var row1 = layout.RowTitle(1);
        var row0 = layout.RowTitle(0);
        var column0 = layout.ColumnTitle(0);
        var column1 = layout.ColumnTitle(1);
        Assert.True(png.NonWhite(row1.X, row1.Y, row1.Width, row1.Height) > 30);
        Assert.Equal(0, png.NonWhite(row0.X, row0.Y, row0.Width, row0.Height));
        Assert.True(png.NonWhite(column0.X, column0.Y, column0.Width, column0.Height) > 20);
        Assert.Equal(0, png.NonWhite(column1.X, column1.Y, column1.Width, column1.Height));
    }

    [Fact]
    public void ToPng_SameGridTwice_GivesTheSameBytes()
    {
        byte[] Render()
        {
            var grid = new ImageGrid(1, 2) { Upscale = 3 };
            grid.Set(0, 0, Checkerboard(), "clean 7 (99.1%)");
            grid.Set(0, 1, Checkerboard(), "ε = 0.25", ValueScale.Signed(0.25));
            grid.SetColumnTitle(1, "perturbation");
            return grid.ToPng();
        }

        Assert.Equal(Render(), Render());
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4, 5 }, "[2, 3, 4, 5]")]
    [InlineData(new[] { 2, 4, 4 }, "[2, 4, 4]")]
    [InlineData(new[] { 7 }, "[7]")]
    [InlineData(new[] { 0, 5 }, "[0, 5]")]
    public void Set_ShapeThatIsNotAnImage_ThrowsNamingTheShape(int[] shape, string shown)
    {
        var grid = new ImageGrid(1, 1);
        var e = Assert.Throws<ArgumentException>(() => grid.Set(0, 0, Tensor.Zeros(new Shape(shape))));
        Assert.Equal("image", e.ParamName);
        Assert.Contains(shown, e.Message);
        Assert.Contains("cell (0, 0)", e.Message);
    }

    [Fact]
    public void Set_NaNValue_ThrowsNamingWhere()
    {
        var grid = new ImageGrid(2, 2);
        var image = Tensor.FromArray(new[] { 0.0, 1, double.NaN, 0 }, 2, 2);
        var e = Assert.Throws<ArgumentException>(() => grid.Set(1, 0, image));
        Assert.Equal("image", e.ParamName);
        Assert.Contains("NaN", e.Message);
        Assert.Contains("row 1, column 0", e.Message);
        Assert.Contains("cell (1, 0)", e.Message);
    }

    [Fact]
    public void Set_BadIndicesCaptionOrScale_Throw()
    {
        var grid = new ImageGrid(2, 3);
        var image = Tensor.Zeros(new Shape(2, 2));
        Assert.Equal("row", Assert.Throws<ArgumentOutOfRangeException>(() => grid.Set(2, 0, image)).ParamName);
        Assert.Equal("column", Assert.Throws<ArgumentOutOfRangeException>(() => grid.Set(0, -1, image)).ParamName);
        Assert.Equal("caption", Assert.Throws<ArgumentException>(() => grid.Set(0, 0, image, "two\nlines")).ParamName);
        var rgb = Tensor.Zeros(new Shape(3, 2, 2));
        Assert.Equal("scale", Assert.Throws<ArgumentException>(() => grid.Set(0, 0, rgb, scale: ValueScale.Diverging(1))).ParamName);
    }

    [Fact]
    public void Settings_OutOfRange_ThrowNamingTheSetting()
    {
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGrid(0, 3)).ParamName);
        var grid = new ImageGrid(1, 1);
        Assert.Equal("Upscale", Assert.Throws<ArgumentOutOfRangeException>(() => grid.Upscale = 0).ParamName);
        Assert.Equal("Padding", Assert.Throws<ArgumentOutOfRangeException>(() => grid.Padding = -1).ParamName);
        Assert.Equal("FontSize", Assert.Throws<ArgumentOutOfRangeException>(() => grid.FontSize = float.NaN).ParamName);
    }

    [Fact]
    public void Save_NoImageSet_ThrowsAndWritesNothing()
    {
        using var folder = new TempFolder();
        var grid = new ImageGrid(2, 2);
        Assert.Throws<InvalidOperationException>(() => grid.Save(folder.File("empty.png")));
        Assert.Empty(folder.Names());
    }

    [Fact]
    public void Measure_GridBeyondMaxSide_Throws()
    {
        var grid = new ImageGrid(1, 1) { Upscale = 64 };
        grid.Set(0, 0, Tensor.Zeros(new Shape(300, 1)));
        var e = Assert.Throws<InvalidOperationException>(grid.Measure);
        Assert.Contains("16384", e.Message);
    }
}
