using System.Text;

namespace Scratch.IO;

/// <summary>
/// Writes files atomically, and checks an output path before any work is done, so that a long run
/// never fails at its very end for a reason that was known at its start.
/// <para>
/// A write goes to a temporary file beside the target, named <c>.NAME.&lt;32 hex digits&gt;.tmp</c>,
/// is flushed to disk and renamed over the target: the target holds the old file or the new one,
/// never half of one. The temporary file is locked (an exclusive advisory lock) from its creation
/// until it has been renamed, and deleted when the write fails. A process killed mid-write leaves
/// its temporary file behind; the next write to the same target deletes every such file that no
/// process holds locked and that has not been written for <see cref="StaleAfter"/>.
/// </para>
/// The target must be a regular file or absent: renaming over a device (/dev/null) would replace the
/// device, and over a directory fails. Its folder must exist, and its name must leave room for the
/// temporary suffix within the file system's 255-byte limit on a name.
/// </summary>
public static class OutputFile
{
    /// <summary>How long a temporary file must have gone unwritten before a later write deletes it as left by a killed process.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    private const int MaxNameBytes = 255;            // NAME_MAX of Linux and macOS file systems
    private const int MaxPathBytes = 4095;           // PATH_MAX − 1 on Linux
    private const int TemporaryExtraBytes = 1 + 1 + 32 + 4; // "." before the name, then "." + 32 hex digits + ".tmp"

    /// <summary>
    /// Checks that <paramref name="path"/> can be written: it is not a directory, device, FIFO or
    /// socket, its folder exists, its name fits, and the folder accepts a new file (checked by creating
    /// and deleting the temporary file a write would use).
    /// </summary>
    /// <exception cref="IOException">The path cannot be written; the message says why (a <see cref="DirectoryNotFoundException"/> for a missing folder, a <see cref="PathTooLongException"/> for a long name).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder does not accept new files.</exception>
    public static void Check(string path)
    {
        var (_, folder, name) = Resolve(path);
        try
        {
            using (new FileStream(TemporaryPath(folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"the folder '{folder}' of '{path}' does not accept new files ({e.Message})", e);
        }
        catch (IOException e)
        {
            throw new IOException($"cannot create a file in '{folder}', the folder of '{path}' ({e.Message})", e);
        }
    }

    /// <summary>Writes <paramref name="path"/> atomically with the bytes <paramref name="write"/> puts into the stream it is given.</summary>
    /// <exception cref="IOException">The path cannot be written (see <see cref="Check"/>), or writing failed; nothing was left behind, and <paramref name="path"/> is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder does not accept new files.</exception>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, folder, name) = Resolve(path);
        RemoveStaleTemporaries(full);
        var temporary = TemporaryPath(folder, name);
        FileStream? stream = null;
        try
        {
            // FileShare.Delete: the lock is exclusive, and the file may be renamed while open (Windows).
            stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e)
        {
            stream?.Dispose();
            stream = null;
            // Deleting can fail too (the folder vanished); the write's own error is the one to report.
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
            }
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot write '{path}': {e.Message}", e);
            }
            throw;
        }
        finally
        {
            stream?.Dispose();
        }
    }

    /// <summary>
    /// Deletes the temporary files that killed writes to <paramref name="path"/> left behind: those
    /// no process holds locked and that have not been written for <see cref="StaleAfter"/>.
    /// </summary>
    /// <returns>The paths deleted.</returns>
    public static IReadOnlyList<string> RemoveStaleTemporaries(string path)
    {
        var (_, folder, name) = Resolve(path);
        var removed = new List<string>();
        var options = new EnumerationOptions { MatchType = MatchType.Simple, AttributesToSkip = 0, IgnoreInaccessible = true };
        foreach (var candidate in Directory.EnumerateFiles(folder, $".{name}.*.tmp", options))
        {
            if (!IsTemporaryName(Path.GetFileName(candidate), name)
                || DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) < StaleAfter)
            {
                continue;
            }
            try
            {
                // Taking the exclusive lock proves no write holds it; DeleteOnClose removes the file under that lock.
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }
                removed.Add(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use by a running write, gone already, or not ours to delete: leave it.
            }
        }
        return removed;
    }

    private static (string Full, string Folder, string Name) Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var name = Path.GetFileName(full);
        var kind = FileProbe.Kind(full);
        if (kind == FileKind.Directory || name.Length == 0)
        {
            throw new IOException($"'{path}' is a directory; expected the name of a file to write");
        }
        if (kind != FileKind.Missing && kind != FileKind.Regular)
        {
            throw new IOException($"'{path}' is {FileProbe.Describe(kind)}; only a regular file may be written or replaced");
        }
        var folder = Path.GetDirectoryName(full)!;
        var folderKind = FileProbe.Kind(folder);
        if (folderKind == FileKind.Missing)
        {
            throw new DirectoryNotFoundException($"the folder '{folder}' of '{path}' does not exist");
        }
        if (folderKind != FileKind.Directory)
        {
            throw new IOException($"'{folder}', the folder of '{path}', is {FileProbe.Describe(folderKind)}, not a directory");
        }
        var nameBytes = Encoding.UTF8.GetByteCount(name);
        if (nameBytes + TemporaryExtraBytes > MaxNameBytes)
        {
            throw new PathTooLongException(
                $"the file name of '{path}' is {nameBytes} bytes; at most {MaxNameBytes - TemporaryExtraBytes} fit (the temporary file written first adds {TemporaryExtraBytes} to the limit of {MaxNameBytes})");
        }
        var pathBytes = Encoding.UTF8.GetByteCount(full);
        if (pathBytes + TemporaryExtraBytes > MaxPathBytes)
        {
            throw new PathTooLongException($"'{path}' is {pathBytes} bytes long as a full path; at most {MaxPathBytes - TemporaryExtraBytes} fit");
        }
        return (full, folder, name);
    }

    private static string TemporaryPath(string folder, string name) => Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");

    private static bool IsTemporaryName(string file, string name)
    {
        var prefix = $".{name}.";
        if (file.Length != prefix.Length + 32 + 4 || !file.StartsWith(prefix, StringComparison.Ordinal) || !file.EndsWith(".tmp", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in file.AsSpan(prefix.Length, 32))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
