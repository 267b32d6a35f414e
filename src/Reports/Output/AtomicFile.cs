namespace Scratch.Reports.Output;

/// <summary>
/// Writes a file so that a reader sees the old file or the whole new one, never part of one: the bytes go
/// to a temporary file in the target's folder (same file system, so the rename is atomic), are flushed to
/// disk, and the temporary file is renamed over the target. On any failure the temporary file is removed
/// and the target is left as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes what <paramref name="write"/> puts into the stream to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="IOException">The file could not be written; the message names the path.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e)
        {
            DeleteQuietly(temporary);
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot write '{full}': {e.Message}", e);
            }
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="IOException">The file could not be written; the message names the path.</exception>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        });

    // The temporary file may not exist (creating it was what failed); a failure to remove it must not hide the first error.
    private static void DeleteQuietly(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the original exception is the one to report.
        }
    }
}
