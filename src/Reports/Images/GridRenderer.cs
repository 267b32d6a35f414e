using Scratch.Reports.Text;
using SkiaSharp;

namespace Scratch.Reports.Images;

/// <summary>
/// Draws an <see cref="ImageGrid"/> into a bitmap: white background, black text in the embedded font, and
/// each image written pixel by pixel (every value becomes an exact Upscale × Upscale block, no filtering).
/// </summary>
internal static class GridRenderer
{
    private const int BytesPerPixel = 4;

    public static SKBitmap Render(GridLayout layout, GridCell?[,] cells, string?[] rowTitles, string?[] columnTitles, int upscale, float fontSize)
    {
        var bitmap = new SKBitmap(new SKImageInfo(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        try
        {
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(SKColors.White);
                DrawText(canvas, layout, cells, rowTitles, columnTitles, fontSize);
            }
            var pixels = bitmap.GetPixelSpan();
            for (var r = 0; r < cells.GetLength(0); r++)
            {
                for (var c = 0; c < cells.GetLength(1); c++)
                {
                    if (cells[r, c] is { } cell)
                    {
                        WriteImage(pixels, bitmap.RowBytes, layout.Image(r, c)!.Value, cell, upscale);
                    }
                }
            }
            bitmap.NotifyPixelsChanged();
            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    private static void DrawText(SKCanvas canvas, GridLayout layout, GridCell?[,] cells, string?[] rowTitles, string?[] columnTitles, float fontSize)
    {
        using var font = ReportFont.Font(fontSize);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var ascent = -font.Metrics.Ascent;
        var textHeight = font.Metrics.Descent - font.Metrics.Ascent;

        // Text is placed on whole pixels so the same grid always gives the same PNG.
        void Draw(string text, float x, float baseline) => canvas.DrawText(text, MathF.Round(x), MathF.Round(baseline), SKTextAlign.Left, font, paint);

        for (var r = 0; r < cells.GetLength(0); r++)
        {
            for (var c = 0; c < cells.GetLength(1); c++)
            {
                if (cells[r, c]?.Caption is { } caption)
                {
                    var strip = layout.Caption(r, c);
                    Draw(caption, strip.X + (strip.Width - font.MeasureText(caption)) / 2, strip.Y + 1 + ascent);
                }
            }
        }
        for (var r = 0; r < rowTitles.Length; r++)
        {
            if (rowTitles[r] is { } title)
            {
                var strip = layout.RowTitle(r);
                Draw(title, strip.X + strip.Width - font.MeasureText(title), strip.Y + (strip.Height - textHeight) / 2 + ascent);
            }
        }
        for (var c = 0; c < columnTitles.Length; c++)
        {
            if (columnTitles[c] is { } title)
            {
                var strip = layout.ColumnTitle(c);
                Draw(title, strip.X + (strip.Width - font.MeasureText(title)) / 2, strip.Y + 1 + ascent);
            }
        }
    }

    private static void WriteImage(Span<byte> pixels, int rowBytes, PixelRect target, GridCell cell, int upscale)
    {
        var image = cell.Image;
        var plane = image.Height * image.Width;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var i = y * image.Width + x;
                var (red, green, blue) = image.Channels == 1
                    ? cell.Scale.Colour(image.Values[i])
                    : (cell.Scale.Level(image.Values[i]), cell.Scale.Level(image.Values[plane + i]), cell.Scale.Level(image.Values[2 * plane + i]));
                for (var dy = 0; dy < upscale; dy++)
                {
                    var row = pixels.Slice((target.Y + y * upscale + dy) * rowBytes + (target.X + x * upscale) * BytesPerPixel, upscale * BytesPerPixel);
                    for (var dx = 0; dx < upscale; dx++)
                    {
                        row[dx * BytesPerPixel] = red;
                        row[dx * BytesPerPixel + 1] = green;
                        row[dx * BytesPerPixel + 2] = blue;
                        row[dx * BytesPerPixel + 3] = 255;
                    }
                }
            }
        }
    }
}
