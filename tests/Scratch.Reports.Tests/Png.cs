using SkiaSharp;

namespace Scratch.Reports.Tests;

/// <summary>Decodes the PNGs under test with SkiaSharp and reads their pixels.</summary>
internal sealed class Png : IDisposable
{
    private readonly SKBitmap _bitmap;

    private Png(SKBitmap bitmap) => _bitmap = bitmap;

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    public static Png Decode(byte[] bytes) =>
        new(SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("the bytes are not a decodable image"));

    public static Png Read(string path) => Decode(File.ReadAllBytes(path));

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var c = _bitmap.GetPixel(x, y);
            return (c.Red, c.Green, c.Blue);
        }
    }

    /// <summary>How many pixels of the rectangle are not pure white.</summary>
    public int NonWhite(int x, int y, int width, int height)
    {
        var count = 0;
        for (var j = y; j < y + height; j++)
        {
            for (var i = x; i < x + width; i++)
            {
                if (this[i, j] != (255, 255, 255))
                {
                    count++;
                }
            }
        }
        return count;
    }

    public void Dispose() => _bitmap.Dispose();
}
