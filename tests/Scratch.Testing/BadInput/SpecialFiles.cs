using System.Diagnostics;

namespace Scratch.Tests.Support;

/// <summary>Makes the special files that loaders must refuse (a FIFO), for the tests of several projects.</summary>
public static class SpecialFiles
{
    /// <summary>Creates a FIFO (named pipe) at <paramref name="path"/> with mkfifo(1) and returns the path.</summary>
    public static string Fifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed: {error}");
        }
        return path;
    }

    /// <summary>Runs <paramref name="action"/> on another thread and fails if it has not finished within a minute (a loader must never block on a FIFO).</summary>
    public static void FinishesWithoutBlocking(Action action)
    {
        var task = Task.Run(action);
        if (!task.Wait(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("the call blocked for a minute");
        }
    }
}
