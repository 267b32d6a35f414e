using Scratch.Cli.Commands;
using Scratch.IO;

namespace Scratch.Cli.Parsing;

/// <summary>
/// Checks of the paths a command was given, made before any work so that nothing fails at the end of a
/// long run for a reason known at its start. Each failure is an <see cref="ArgumentException"/> whose
/// message starts with the option ("--out: '/' is a directory; ..."), which <see cref="Program"/> prints
/// as one line with exit code 2.
/// </summary>
internal static class PathChecks
{
    /// <summary>An input file: it exists and is a regular file (not a directory, FIFO, device or socket).</summary>
    public static void InputFile(string option, string path) =>
        Wrap(option, () => Scratch.IO.InputFile.RequireRegular(path, "file"));

    /// <summary>An output file (see <see cref="OutputFile.Check"/>): its folder exists and accepts files, and the path is absent or a regular file.</summary>
    public static void OutputFile(string option, string path) => Wrap(option, () => Scratch.IO.OutputFile.Check(path));

    /// <summary>An output folder: created (with its parents) when missing; it must then be a directory that accepts new files.</summary>
    /// <returns>The folder's full path.</returns>
    public static string OutputFolder(string option, string path)
    {
        var full = "";
        Wrap(option, () =>
        {
            full = Path.GetFullPath(path);
            var kind = FileProbe.Kind(full);
            if (kind == FileKind.Missing)
            {
                Directory.CreateDirectory(full);
            }
            else if (kind != FileKind.Directory)
            {
                throw new IOException($"'{path}' is {FileProbe.Describe(kind)}, not a folder");
            }
            Scratch.IO.OutputFile.Check(Path.Combine(full, ".scratch-write-check"));
        });
        return full;
    }

    /// <summary>A folder that is used if present and may be created later (a data cache): if something is there, it is a directory.</summary>
    public static void FolderIfPresent(string option, string path) => Wrap(option, () =>
    {
        var kind = FileProbe.Kind(Path.GetFullPath(path));
        if (kind is not (FileKind.Missing or FileKind.Directory))
        {
            throw new IOException($"'{path}' is {FileProbe.Describe(kind)}, not a folder");
        }
    });

    private static void Wrap(string option, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            throw new ArgumentException($"{option}: {CliErrors.Describe(e)}", e);
        }
    }
}
