namespace Scratch.IO;

/// <summary>
/// Opens a file a loader is about to read, after the checks every loader needs: the path names a
/// regular file (never a directory, FIFO, device or socket, see <see cref="FileProbe"/>), and its length
/// lies within the loader's limits, so that nothing is allocated or read for a file that cannot be valid.
/// Messages name the file and say what it should be ("safetensors file '/tmp/x' is a FIFO (named pipe),
/// not a regular file").
/// </summary>
public static class InputFile
{
    /// <summary>Checks that <paramref name="path"/> names an existing regular file.</summary>
    /// <param name="path">The path to check.</param>
    /// <param name="what">What the file should be, for messages ("safetensors file").</param>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException"><paramref name="path"/> names a directory, FIFO, device or socket.</exception>
    public static void RequireRegular(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var kind = FileProbe.Kind(path);
        if (kind == FileKind.Missing)
        {
            throw new FileNotFoundException($"{what} '{path}' does not exist", path);
        }
        if (kind != FileKind.Regular)
        {
            throw new InvalidDataException($"{what} '{path}' is {FileProbe.Describe(kind)}, not a regular file");
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> for sequential reading once it has passed <see cref="RequireRegular"/>
    /// and its length lies in [<paramref name="minBytes"/>, <paramref name="maxBytes"/>].
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The path is not a regular file, or its length is out of range.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static FileStream OpenRead(string path, string what, long minBytes, long maxBytes)
    {
        RequireRegular(path, what);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            // The length comes from the open handle, so a file swapped after the check is measured as opened.
            var length = stream.Length;
            if (length < minBytes)
            {
                throw new InvalidDataException($"{what} '{path}' is {length} bytes; it needs at least {minBytes}");
            }
            if (length > maxBytes)
            {
                throw new InvalidDataException($"{what} '{path}' is {length} bytes, more than the {maxBytes} bytes this reader accepts");
            }
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
