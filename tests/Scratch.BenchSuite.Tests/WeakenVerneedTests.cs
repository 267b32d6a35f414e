using System.ComponentModel;
using System.Diagnostics;

namespace Scratch.BenchSuite.Tests;

/// <summary>
/// bench/TorchSharp/weaken_verneed.py on a copy of this machine's libm.so.6 (glibc's, on every Linux the runtime
/// runs on; Debian 12's requires GLIBC_2.4 once and GLIBC_PRIVATE from two files), read back with
/// <see cref="ElfVersionNeeds"/>.
/// </summary>
public sealed class WeakenVerneedTests : IDisposable
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "weaken_verneed.py");
    private readonly string _folder = Directory.CreateTempSubdirectory("weaken-verneed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The libm.so.6 this process loaded (the runtime links it), copied into the test's folder.
    private string CopyOfLibm()
    {
        var loaded = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && Path.GetFileName(f[5]) == "libm.so.6").Select(f => f[5]).FirstOrDefault()
            ?? throw new InvalidOperationException("libm.so.6 is not in /proc/self/maps; expected the runtime to have loaded glibc's libm");
        var copy = Path.Combine(_folder, "libm.so.6");
        File.Copy(loaded, copy);
        return copy;
    }

    private static (int Exit, string Out, string Error) Python(params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"python3 could not be started ({e.Message}); expected python3 on PATH, as on the CI machine", e);
        }
    }

    // The indices at which two equal-length files differ.
    private static List<int> Differences(byte[] before, byte[] after)
    {
        Assert.Equal(before.Length, after.Length);
        return [.. Enumerable.Range(0, before.Length).Where(i => before[i] != after[i])];
    }

    [Fact]
    public void Exactly_the_named_requirement_becomes_weak_and_every_other_byte_is_unchanged()
    {
        var library = CopyOfLibm();
        var before = File.ReadAllBytes(library);
        var needsBefore = ElfVersionNeeds.Read(before);
        var target = Assert.Single(needsBefore, n => n.Version == "GLIBC_2.4");
        Assert.Equal(0, target.Flags & ElfVersionNeeds.Weak);

        var (exit, output, error) = Python(library, "GLIBC_2.4");

        Assert.Equal((0, ""), (exit, error));
        Assert.Contains("GLIBC_2.4 from libc.so.6 is now weak", output, StringComparison.Ordinal);
        var after = File.ReadAllBytes(library);
        var needsAfter = ElfVersionNeeds.Read(after);
        Assert.Equal(needsBefore.Select(n => n with { Flags = n == target ? (ushort)(n.Flags | ElfVersionNeeds.Weak) : n.Flags }), needsAfter);
        Assert.Equal([target.FlagsOffset], Differences(before, after));
    }

    [Fact]
    public void A_version_required_from_two_files_becomes_weak_in_both_and_a_second_run_changes_nothing()
    {
        var library = CopyOfLibm();
        var before = File.ReadAllBytes(library);
        var targets = ElfVersionNeeds.Read(before).Where(n => n.Version == "GLIBC_PRIVATE").ToList();
        Assert.Equal(2, targets.Select(t => t.File).Distinct().Count());

        Assert.Equal(0, Python(library, "GLIBC_PRIVATE").Exit);
        var once = File.ReadAllBytes(library);
        var (exit, output, _) = Python(library, "GLIBC_PRIVATE");

        Assert.Equal(0, exit);
        Assert.Equal(2, output.Split('\n').Count(l => l.EndsWith("was already weak", StringComparison.Ordinal)));
        Assert.Equal(once, File.ReadAllBytes(library));
        Assert.All(ElfVersionNeeds.Read(once).Where(n => n.Version == "GLIBC_PRIVATE"), n => Assert.Equal(ElfVersionNeeds.Weak, n.Flags & ElfVersionNeeds.Weak));
        Assert.Equal(targets.Select(t => t.FlagsOffset).Order(), Differences(before, once));
    }

    [Fact]
    public void A_version_the_library_does_not_require_is_refused_in_one_line_and_the_file_left_as_it_was()
    {
        var library = CopyOfLibm();
        var before = File.ReadAllBytes(library);

        var (exit, _, error) = Python(library, "GLIBCXX_3.4.32");

        Assert.Equal(2, exit);
        Assert.Equal($"weaken_verneed.py: {library} does not require GLIBCXX_3.4.32", error.TrimEnd('\n'));
        Assert.Equal(before, File.ReadAllBytes(library));
        Assert.Equal([Path.GetFileName(library)], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("not ELF text\n")]
    [InlineData("")]
    public void A_file_that_is_not_a_64_bit_elf_is_refused_in_one_line(string contents)
    {
        var path = Path.Combine(_folder, "not-elf.so");
        File.WriteAllText(path, contents);

        var (exit, _, error) = Python(path);

        Assert.Equal(2, exit);
        Assert.Equal($"weaken_verneed.py: {path}: not a 64-bit little-endian ELF file", error.TrimEnd('\n'));
        Assert.Equal(contents, File.ReadAllText(path));
    }

    [Fact]
    public void A_missing_file_and_a_wrong_argument_count_are_refused_in_one_line()
    {
        var missing = Python(Path.Combine(_folder, "absent.so"));
        var usage = Python();

        Assert.Equal(2, missing.Exit);
        Assert.Single(missing.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("absent.so", missing.Error, StringComparison.Ordinal);
        Assert.Equal((2, "weaken_verneed.py: usage: weaken_verneed.py LIBRARY [VERSION]"), (usage.Exit, usage.Error.TrimEnd('\n')));
    }
}
