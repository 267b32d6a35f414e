using Scratch.Reports.Text;
using SkiaSharp;

namespace Scratch.Reports.Tests.Text;

public class ReportFontTests
{
    [Fact]
    public void Typeface_IsTheEmbeddedDejaVuSansWithTheGlyphsCaptionsUse()
    {
        Assert.Equal("DejaVu Sans", ReportFont.Typeface.FamilyName);
        using var font = ReportFont.Font(12);
        Assert.True(font.ContainsGlyphs("0123456789.%()→×±−εδαθ∞— abcXYZ"));
    }

    [Fact]
    public void ScottPlot_ResolvesThePlotFamilyToTheEmbeddedFont()
    {
        ReportFont.EnsureRegisteredWithScottPlot();
        // Not disposed: ScottPlot caches and reuses the typeface.
        var typeface = ScottPlot.Fonts.GetTypeface(ReportFont.PlotFamily, bold: false, italic: false);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.Equal(ReportFont.Typeface.GlyphCount, typeface.GlyphCount);
    }

    [Fact]
    public void Font_DrawsText()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(120, 24, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var font = ReportFont.Font(14);
            using var paint = new SKPaint { Color = SKColors.Black };
            canvas.DrawText("7 → 3", 2, 18, SKTextAlign.Left, font, paint);
        }
        var dark = 0;
        for (var y = 0; y < 24; y++)
        {
            for (var x = 0; x < 120; x++)
            {
                dark += bitmap.GetPixel(x, y).Red < 128 ? 1 : 0;
            }
        }
        Assert.True(dark > 30, $"{dark} dark pixels");
    }
}
