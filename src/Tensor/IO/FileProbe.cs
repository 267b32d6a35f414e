using System.Runtime.InteropServices;

namespace Scratch.IO;

/// <summary>
/// Tells what kind of file-system entry a path names before anything opens it: opening a FIFO blocks
/// forever, reading /dev/zero never ends, and renaming over /dev/null replaces the device, so the
/// loaders and writers must refuse such paths first. On Linux the kind comes from statx(2) (glibc 2.28+,
/// whose struct statx has one layout on every architecture); where statx is unavailable (another OS, an
/// old C library) only missing, directory and regular are told apart, and every other entry counts as
/// regular.
/// </summary>
public static partial class FileProbe
{
    private const int AtFdCwd = -100;      // resolve a relative path against the current directory
    private const uint StatxType = 0x1;    // ask for stx_mode's file-type bits
    private const int StatxModeOffset = 28; // offsetof(struct statx, stx_mode), a __u16
    private const int StatxSize = 256;      // sizeof(struct statx)
    private const int NoSuchEntry = 2;      // ENOENT
    private const int NotADirectory = 20;   // ENOTDIR: a component of the path is a file

    private static bool _statxUnavailable = !OperatingSystem.IsLinux();

    /// <summary>The kind of the entry at <paramref name="path"/>, following symbolic links.</summary>
    public static FileKind Kind(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!_statxUnavailable)
        {
            try
            {
                if (TryStatx(path, out var kind))
                {
                    return kind;
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _statxUnavailable = true;
            }
        }
        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>A phrase naming a kind in an error message ("a FIFO (named pipe)").</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "neither a file nor a directory",
    };

    // False when statx failed for a reason other than a missing entry (permission, name too long):
    // the managed probe then answers, and opening the file reports the real fault.
    private static unsafe bool TryStatx(string path, out FileKind kind)
    {
        byte* buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            kind = FileKind.Missing;
            return errno is NoSuchEntry or NotADirectory;
        }
        // S_IFMT = 0xF000 selects the file type of st_mode (POSIX <sys/stat.h>).
        kind = (*(ushort*)(buffer + StatxModeOffset) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
