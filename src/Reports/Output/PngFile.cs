using SkiaSharp;

namespace Scratch.Reports.Output;

/// <summary>PNG encoding and the checks made on a target path before anything is drawn.</summary>
internal static class PngFile
{
    /// <summary>
    /// Checks that <paramref name="path"/> names a .png file in an existing folder, and is not a folder itself.
    /// </summary>
    /// <exception cref="ArgumentException">The path is empty, malformed or does not end in .png.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The path is an existing folder.</exception>
    public static void Validate(string path, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(path, argumentName);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{argumentName} is empty; expected the path of a .png file", argumentName);
        }
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"{argumentName} '{path}' is not a valid path: {e.Message}", argumentName, e);
        }
        if (!string.Equals(Path.GetExtension(full), ".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{argumentName} '{path}' does not end in .png; expected the path of a .png file", argumentName);
        }
        if (Directory.Exists(full))
        {
            throw new IOException($"cannot write '{full}': it is a folder; expected the path of a .png file");
        }
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"cannot write '{full}': the folder '{folder}' does not exist");
        }
    }

    /// <summary>The bitmap encoded as PNG (lossless; the same bitmap gives the same bytes).</summary>
    public static byte[] Encode(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"Skia could not encode a {bitmap.Width}x{bitmap.Height} bitmap as PNG");
        return data.ToArray();
    }

    /// <summary>Validates <paramref name="path"/> first, then renders the PNG and writes it there atomically.</summary>
    public static void Save(string path, Func<byte[]> render, string argumentName)
    {
        Validate(path, argumentName);
        var png = render();
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
