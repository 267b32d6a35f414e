using Scratch.IO;
using Scratch.Tests.Support;

namespace Scratch.Tests.IO;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-output-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Entries() => Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private string Temporary(string name, TimeSpan age)
    {
        var path = Path.Combine(_folder, $".{name}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(path, "left by a killed write");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public void WriteAtomically_ReplacesTheTargetAndLeavesNothingElse()
    {
        var path = Path.Combine(_folder, "out.bin");
        File.WriteAllText(path, "old");
        OutputFile.WriteAtomically(path, s => s.Write([1, 2, 3]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], Entries());
    }

    [Fact]
    public void WriteAtomically_WriterFails_TargetUnchangedAndTemporaryDeleted()
    {
        var path = Path.Combine(_folder, "out.bin");
        File.WriteAllText(path, "old");
        var e = Assert.Throws<IOException>(() => OutputFile.WriteAtomically(path, s =>
        {
            s.Write([1, 2]);
            throw new IOException("disk full");
        }));
        Assert.Contains($"cannot write '{path}': disk full", e.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["out.bin"], Entries());
    }

    [Fact]
    public void WriteAtomically_CleanupFails_TheWritersErrorIsReported()
    {
        // The writer removes the folder (so deleting the temporary file fails too) and then fails itself.
        var folder = Path.Combine(_folder, "vanishing");
        Directory.CreateDirectory(folder);
        var e = Assert.Throws<InvalidOperationException>(() => OutputFile.WriteAtomically(Path.Combine(folder, "out.bin"), _ =>
        {
            Directory.Delete(folder, recursive: true);
            throw new InvalidOperationException("the writer's own error");
        }));
        Assert.Equal("the writer's own error", e.Message);
    }

    [Theory]
    [InlineData("/", "is a directory")]
    [InlineData("/dev/null", "is a character device; only a regular file may be written or replaced")]
    [InlineData("/no/such/folder/out.bin", "the folder '/no/such/folder' of '/no/such/folder/out.bin' does not exist")]
    public void Check_UnwritableTarget_RejectedNamingIt(string path, string fragment)
    {
        var e = Assert.ThrowsAny<IOException>(() => OutputFile.Check(path));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Check_DirectoryOrFifo_RejectedAndNothingWritten()
    {
        var fifo = SpecialFiles.Fifo(Path.Combine(_folder, "fifo"));
        Assert.Contains("is a directory", Assert.ThrowsAny<IOException>(() => OutputFile.Check(_folder)).Message);
        Assert.Contains("is a FIFO (named pipe)", Assert.ThrowsAny<IOException>(() => OutputFile.WriteAtomically(fifo, s => s.WriteByte(1))).Message);
        Assert.Equal(["fifo"], Entries());
    }

    [Fact]
    public void Check_NameTooLongForTheTemporaryFile_RejectedBeforeAnyWrite()
    {
        var e = Assert.Throws<PathTooLongException>(() => OutputFile.Check(Path.Combine(_folder, new string('a', 300))));
        Assert.Contains("is 300 bytes; at most 217 fit", e.Message);
        // 217 bytes is the longest name whose temporary file still fits 255 bytes.
        OutputFile.WriteAtomically(Path.Combine(_folder, new string('b', 217)), s => s.WriteByte(1));
        Assert.Throws<PathTooLongException>(() => OutputFile.Check(Path.Combine(_folder, new string('c', 218))));
    }

    [Fact]
    public void Check_WritableTarget_LeavesNoFile()
    {
        OutputFile.Check(Path.Combine(_folder, "new.bin"));
        Assert.Empty(Entries());
    }

    [Fact]
    public void WriteAtomically_RemovesStaleTemporariesOfTheSameTargetOnly()
    {
        var stale = Temporary("out.bin", TimeSpan.FromHours(1));
        var fresh = Temporary("out.bin", TimeSpan.Zero);
        var otherTarget = Temporary("other.bin", TimeSpan.FromHours(1));
        var notOurs = Path.Combine(_folder, ".out.bin.not-a-guid.tmp");
        File.WriteAllText(notOurs, "x");
        File.SetLastWriteTimeUtc(notOurs, DateTime.UtcNow.AddHours(-1));

        OutputFile.WriteAtomically(Path.Combine(_folder, "out.bin"), s => s.WriteByte(1));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(otherTarget));
        Assert.True(File.Exists(notOurs));
    }

    [Fact]
    public void RemoveStaleTemporaries_KeepsOneAWriteHoldsOpen()
    {
        var busy = Temporary("out.bin", TimeSpan.FromHours(1));
        var stale = Temporary("out.bin", TimeSpan.FromHours(1));
        using (new FileStream(busy, FileMode.Open, FileAccess.Write, FileShare.Delete))
        {
            Assert.Equal([stale], OutputFile.RemoveStaleTemporaries(Path.Combine(_folder, "out.bin")));
        }
        Assert.True(File.Exists(busy));
        Assert.False(File.Exists(stale));
    }
}
